// The client's fixed runtime (templates/client-runtime.ts), tested as it is: query serialisation by
// OpenAPI style, and the retry delays.
import { describe, expect, it } from "vitest";
import { converterFor, DEFAULT_RETRY, queryPairs, retryDelay } from "../../templates/client-runtime.js";

describe("query parameters by OpenAPI style", () => {
  it.each([
    ["form, explode (default), array", ["ids", [1, 2]], undefined, undefined, ["ids=1", "ids=2"]],
    ["form, no explode, array", ["ids", [1, 2]], "form", false, ["ids=1,2"]],
    ["spaceDelimited", ["ids", [1, 2]], "spaceDelimited", false, ["ids=1%202"]],
    ["pipeDelimited", ["ids", [1, 2]], "pipeDelimited", false, ["ids=1|2"]],
    ["form, explode, object", ["f", { a: 1, b: "x y" }], "form", true, ["a=1", "b=x%20y"]],
    ["form, no explode, object", ["f", { a: 1, b: 2 }], "form", false, ["f=a,1,b,2"]],
    ["deepObject", ["f", { a: 1, "b c": 2 }], "deepObject", true, ["f%5Ba%5D=1", "f%5Bb%20c%5D=2"]],
    ["reserved characters are encoded", ["q", "a&b=c#d"], undefined, undefined, ["q=a%26b%3Dc%23d"]],
  ] as [string, [string, unknown], string | undefined, boolean | undefined, string[]][])(
    "%s",
    (_name, [name, value], style, explode, want) => {
      expect(queryPairs(name, value, style, explode)).toEqual(want);
    },
  );
});

describe("retry delays", () => {
  const retry = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 5_000 };
  it("Retry-After in seconds, as an HTTP date, and capped", () => {
    expect(retryDelay(retry, 0, "2")).toBe(2000);
    const now = Date.parse("Sun, 22 Nov 2026 10:00:00 GMT");
    expect(retryDelay(retry, 0, "Sun, 22 Nov 2026 10:00:03 GMT", now)).toBe(3000);
    expect(retryDelay(retry, 0, "3600")).toBe(5000);
    expect(retryDelay(retry, 0, "Sun, 22 Nov 2026 09:00:00 GMT", now)).toBe(0);
  });
  it("exponential backoff with full jitter otherwise", () => {
    expect(retryDelay(retry, 0, null, 0, () => 1)).toBe(100);
    expect(retryDelay(retry, 3, null, 0, () => 1)).toBe(800);
    expect(retryDelay(retry, 3, null, 0, () => 0.5)).toBe(400);
    expect(retryDelay(retry, 10, null, 0, () => 1)).toBe(5000);
    expect(retryDelay(retry, 0, "soon", 0, () => 1)).toBe(100);
  });
});

describe("converterFor (an error body's converter with dates)", () => {
  it("takes the exact status, then its range, then default; none without them", () => {
    const table = { "404": () => "exact", "5XX": () => "range", default: () => "default" };
    expect([404, 503, 400].map((status) => converterFor(table, status)?.("raw"))).toEqual([
      "exact",
      "range",
      "default",
    ]);
    expect(converterFor({ "404": () => "exact" }, 400)).toBeUndefined();
  });
});

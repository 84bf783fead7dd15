// templates/dates-runtime.ts on its own: toDate reads a date-time by position and gives the instant
// `new Date` gives, keeps what is not a real date-time (or a leap second) as it came; toWire sends
// valid Dates as ISO strings and leaves everything else (error bodies: client-runtime's converterFor);
// the helpers the generated converters call walk objects, maps, arrays and unions in place.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  convertByKind,
  convertFields,
  convertItems,
  convertMembers,
  convertTagged,
  convertTuple,
  convertValues,
  toDate,
  toWire,
} from "../../templates/dates-runtime.js";

const two = (n: number) => String(n).padStart(2, "0");

describe("toDate", () => {
  it("gives the same instant as new Date for every RFC 3339 date-time, in every form ajv-formats reads", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("0100-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }),
        fc.option(fc.integer({ min: 0, max: 999_999 })),
        fc.option(
          fc.tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })),
        ),
        fc.constantFrom("T", "t", " ", "\t", "\u00a0"),
        // The offset as `+hh:mm`, `+hhmm`, or `+hh` (minutes then 0).
        fc.constantFrom("colon", "compact", "hours"),
        (date, fraction, zone, t, form) => {
          const base = date.toISOString().slice(0, 19).replace("T", t);
          const minutes = zone === null ? 0 : form === "hours" ? 0 : zone[2];
          const offset =
            zone === null
              ? "Z"
              : form === "colon"
                ? `${zone[0]}${two(zone[1])}:${two(minutes)}`
                : form === "compact"
                  ? `${zone[0]}${two(zone[1])}${two(minutes)}`
                  : `${zone[0]}${two(zone[1])}`;
          const iso = zone === null ? "Z" : `${zone[0]}${two(zone[1])}:${two(minutes)}`;
          const digits = fraction === null ? "" : `.${String(fraction).padStart(6, "0")}`;
          const text = `${base}${digits}${offset}`;
          const converted = toDate(text);
          expect(converted, text).toBeInstanceOf(Date);
          const expected = new Date(`${date.toISOString().slice(0, 19)}${digits}${iso}`).getTime();
          expect((converted as Date).getTime(), text).toBe(expected);
        },
      ),
      { numRuns: 500, seed: 24 },
    );
  });

  it.each([
    "2023-02-29T00:00:00Z",
    "2024-13-01T00:00:00Z",
    "2024-01-01T24:00:00Z",
    "2024-01-01T00:00:60Z",
    "2024-01-01T00:00:00",
    "2024-01-01_00:00:00Z",
    "2024-01-01T00:00:00+2:00",
    "2024-01-01T00:00:00+2",
    "2024-01-01T00:00:00+020",
    "2024-01-01T00:00:00+02:0",
    "2024-01-01T00:00:00.Z",
    "yesterday",
    "2024-01-01",
  ])("keeps %s as it came", (text) => {
    expect(toDate(text)).toBe(text);
  });

  it("leaves values that are not strings alone", () => {
    for (const value of [null, 42, undefined, { at: "2024-01-01T00:00:00Z" }]) expect(toDate(value)).toBe(value);
  });
});

describe("toWire", () => {
  it("sends valid Dates as ISO strings, copies plain objects and arrays, leaves the rest", () => {
    const at = new Date("2024-09-01T12:00:00Z");
    const blob = new Blob(["x"]);
    const invalid = new Date("nope");
    const input = { at, list: [at, "s"], nested: { at }, blob, invalid, n: 1 };
    const wire = toWire(input) as Record<string, unknown>;
    expect(wire).toEqual({
      at: "2024-09-01T12:00:00.000Z",
      list: ["2024-09-01T12:00:00.000Z", "s"],
      nested: { at: "2024-09-01T12:00:00.000Z" },
      blob,
      invalid,
      n: 1,
    });
    expect(wire.blob).toBe(blob);
    expect(input.at).toBe(at);
  });

  it("copies a __proto__ key as data, never as a prototype", () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as object;
    const wire = toWire(input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(wire)).toBe(Object.prototype);
    expect(JSON.stringify(wire)).toBe('{"__proto__":{"polluted":true},"a":1}');
  });
});

describe("the converters' helpers", () => {
  const AT = "2024-09-01T12:00:00Z";
  const date = new Date(AT);

  it("convertFields converts own members only: never one an object inherits, and __proto__ as data", () => {
    const body = JSON.parse(`{"at": "${AT}", "__proto__": "${AT}", "n": 1}`) as Record<string, unknown>;
    convertFields(body, ["at", "__proto__", "constructor", "missing"], [toDate, toDate, toDate, toDate]);
    expect(Object.keys(body)).toEqual(["at", "__proto__", "n"]);
    expect(body.at).toEqual(date);
    expect(Object.getOwnPropertyDescriptor(body, "__proto__")?.value).toEqual(date);
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(convertFields([AT], ["0"], [toDate])).toEqual([AT]);
  });

  it("convertMembers: a pattern's keys through its converter, the others not declared through extra", () => {
    const pattern = /^t_/u;
    const claims = /^x_/u;
    const body = { t_1: AT, x_1: AT, known: AT, other: AT };
    convertMembers(body, new Set(["known"]), [pattern, claims], [toDate, undefined], toDate);
    expect(body).toEqual({ t_1: date, x_1: AT, known: AT, other: date });
    expect(convertValues({ a: AT, b: 1 }, toDate)).toEqual({ a: date, b: 1 });
  });

  it("convertTuple and convertItems: positions present, then the rest", () => {
    expect(convertItems(convertTuple([AT, AT, AT], [0], [toDate]), toDate, 2)).toEqual([date, AT, date]);
    expect(convertTuple([], [0], [toDate])).toEqual([]);
    expect(convertItems({ 0: AT }, toDate)).toEqual({ 0: AT });
  });

  it("convertTagged and convertByKind pick one converter, or none", () => {
    const stamp = (v: unknown) => convertFields(v, ["at"], [toDate]);
    expect(convertTagged({ kind: "a", at: AT }, "kind", ["a"], [stamp])).toEqual({ kind: "a", at: date });
    expect(convertTagged({ kind: "b", at: AT }, "kind", ["a"], [stamp])).toEqual({ kind: "b", at: AT });
    expect(convertByKind({ at: AT }, stamp, undefined, undefined)).toEqual({ at: date });
    expect(convertByKind(AT, stamp, undefined, toDate)).toEqual(date);
    expect(convertByKind([AT], stamp, undefined, toDate)).toEqual([AT]);
  });
});

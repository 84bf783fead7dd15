// The emitter names each format's built-in check (`checkFormat("uuid", v, formatUuid)`, so a bundle
// keeps only the formats it checks): every name it uses is the runtime's check for that format, and
// a check set at run time replaces the built-in one.
import { describe, expect, it } from "vitest";
import { FORMAT_CHECKS } from "../../generator/model/formats.js";
import * as runtime from "../../templates/validators-runtime.js";

describe("format checks by name", () => {
  it.each([...FORMAT_CHECKS])("%s is checked by the runtime's %s, the same as its formats table", (format, name) => {
    const check = (runtime as unknown as Record<string, unknown>)[name];
    expect(typeof check).toBe("function");
    expect(check).toBe(runtime.formats[format]);
  });

  it("a check set at run time replaces the built-in one, and undefined lets the format pass", () => {
    const builtin = runtime.formats.uuid!;
    expect(runtime.checkFormat("uuid", "nope", builtin)).toBe(false);
    runtime.setFormatCheck("uuid", (s) => s === "nope");
    try {
      expect(runtime.checkFormat("uuid", "nope", builtin)).toBe(true);
      runtime.setFormatCheck("uuid", undefined);
      expect(runtime.checkFormat("uuid", "anything", builtin)).toBe(true);
    } finally {
      // Back to the built-in check: the custom table forgets the format.
      runtime.setFormatCheck("uuid", builtin);
    }
    expect(runtime.checkFormat("uuid", "nope", builtin)).toBe(false);
    // An unknown format with no check passes.
    expect(runtime.checkFormat("x-unknown", "anything")).toBe(true);
  });
});

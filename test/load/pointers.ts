// Pointers for the position tests (json-positions, yaml-positions).
import { toPointer } from "../../generator/load/source.js";

/** Every pointer of a value, up to `max`, plus `extra` pointers (ones that lead nowhere). */
export function pointers(value: unknown, max: number, extra: string[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown, segments: string[]) => {
    if (out.length >= max) return;
    out.push(toPointer(segments));
    if (v && typeof v === "object") for (const [k, c] of Object.entries(v)) walk(c, [...segments, k]);
  };
  walk(value, []);
  return [...out, ...extra];
}

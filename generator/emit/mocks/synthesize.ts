// A value for a model schema, built at generation time, deterministically (no clock, no randomness):
// examples first where the schema has them (so property-level examples compose into objects), then
// every constraint the validators check: types, required members, formats, patterns (pattern.ts),
// lengths, bounds, multipleOf, uniqueItems, enum and const, discriminator tags, one branch of a
// oneOf, additional and pattern properties, recursion cut where the schema lets it end. The value is
// then checked by the generated validator itself (index.ts): what this cannot satisfy is found there.
import type { Schema, SchemaType } from "../../model/index.js";
import { anchors, patternSamples } from "./pattern.js";

/** No value could be built: an unsatisfiable schema, or one this synthesizer cannot satisfy. */
export const NO_VALUE: unique symbol = Symbol("no value");
export type Synthesized = unknown | typeof NO_VALUE;

export interface SynthesisOptions {
  /** The component schemas by name. */
  components: Map<string, Schema>;
  /** Use the spec's `example`/`examples` where a schema has them. */
  examples: boolean;
  /** Which branch of each `oneOf`/`anyOf` (modulo its length): another attempt takes another. */
  branch: number;
  /** Leave out `writeOnly` members (responses) or `readOnly` ones (requests). */
  hidden: "writeOnly" | "readOnly";
  /** Also the optional members near the top: what tells a oneOf's overlapping branches apart. */
  full?: boolean;
  /**
   * Arrays as short as they may be (`[]` without `minItems`): the last attempt, for an array whose
   * items no value fits (an unsatisfiable item schema, a pattern no string is built for), which an
   * empty array still satisfies.
   */
  fewest?: boolean;
}

/** A value, or none, and whether building it met a `oneOf`/`anyOf` (another branch may do). */
export interface Synthesis {
  value: Synthesized;
  unions: boolean;
}

const MAX_DEPTH = 24;
/** A fixed day, so no clock enters the output. */
const DAY = "2024-01-15";

const FORMATS: Record<string, string> = {
  "date-time": `${DAY}T09:30:00Z`,
  date: DAY,
  time: "09:30:00Z",
  duration: "P1D",
  email: "user@example.com",
  "idn-email": "user@example.com",
  uri: "https://example.com/",
  iri: "https://example.com/",
  "uri-reference": "https://example.com/",
  "iri-reference": "https://example.com/",
  "uri-template": "https://example.com/{id}",
  url: "https://example.com/",
  hostname: "example.com",
  "idn-hostname": "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  uuid: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
  byte: "c3BlY2Zvcmdl",
  "json-pointer": "/example",
  "relative-json-pointer": "0",
  regex: "^example$",
  password: "secret",
};

export function synthesize(schema: Schema, options: SynthesisOptions): Synthesis {
  const synthesizer = new Synthesizer(options);
  const value = synthesizer.value(schema, 0, new Map(), 0);
  return { value, unions: synthesizer.unions };
}

/** How deep `full` includes optional members. */
const FULL_DEPTH = 4;

class Synthesizer {
  unions = false;
  constructor(private readonly options: SynthesisOptions) {}

  private resolve(schema: Schema): { schema: Schema; ref: string | undefined } {
    let current = schema;
    let ref: string | undefined;
    for (let hops = 0; current.ref !== undefined && hops < 64; hops++) {
      const target = this.options.components.get(current.ref);
      if (!target) break;
      ref = current.ref;
      // Annotations beside a ref (readOnly, an example) stay with the ref's use.
      const { pointer: _p, ref: _r, ...beside } = current;
      current = { ...target, ...beside, pointer: target.pointer };
    }
    return { schema: current, ref };
  }

  /**
   * `seen` counts how often each component is on the path: past the first visit only what the
   * schema requires is built (the recursion ends where the schema lets it). `variant` makes the items
   * of a `uniqueItems` array differ.
   */
  value(node: Schema, depth: number, seen: Map<string, number>, variant: number): Synthesized {
    if (depth > MAX_DEPTH) return NO_VALUE;
    const { schema: s, ref } = this.resolve(node);
    const visits = ref === undefined ? 0 : (seen.get(ref) ?? 0);
    if (visits > 2) return NO_VALUE;
    const path = ref === undefined ? seen : new Map(seen).set(ref, visits + 1);
    const minimal = visits > 0 || depth > MAX_DEPTH / 2;
    if (s.const) return s.const.value;
    if (s.enum && s.enum.length > 0) return s.enum[variant % s.enum.length];
    if (this.options.examples && s.examples && s.examples.length > 0 && variant === 0) return s.examples[0];
    if (s.allOf && s.allOf.length > 0) return this.allOf(s, depth, path, variant);
    const union = s.oneOf ?? s.anyOf;
    if (union && union.length > 0) {
      this.unions = true;
      const branch = union[this.options.branch % union.length]!;
      const merged = this.withOwn(s, branch);
      const value = this.value(merged, depth + 1, path, variant);
      // A discriminated union: the branch's tag, as the mapping (explicit or implied) gives it.
      const tag = s.discriminator?.mapping.find((m) => m.schema === branch.ref)?.value;
      if (tag !== undefined && value !== null && typeof value === "object" && !Array.isArray(value)) {
        (value as Record<string, unknown>)[s.discriminator!.propertyName] = tag;
      }
      return value;
    }
    const type = this.typeOf(s, minimal);
    switch (type) {
      case "null":
        return null;
      case "boolean":
        return variant % 2 === 0;
      case "integer":
      case "number":
        return this.number(s, type, variant);
      case "string":
        return this.string(s, variant);
      case "array":
        return this.array(s, depth, path, minimal, variant);
      case "object":
        return this.object(s, depth, path, minimal, variant);
      default:
        return {};
    }
  }

  /** A branch of a union with the union's own keywords (its properties, its discriminator tags). */
  private withOwn(s: Schema, branch: Schema): Schema {
    const { oneOf: _o, anyOf: _a, discriminator: _d, pointer, ...own } = s;
    const constraining = Object.keys(own).some(
      (k) =>
        ![
          "title",
          "description",
          "examples",
          "default",
          "deprecated",
          "messages",
          "unenforced",
          "impliedTypes",
        ].includes(k),
    );
    return constraining ? { pointer, allOf: [{ ...own, pointer }, branch] } : branch;
  }

  private typeOf(s: Schema, minimal: boolean): SchemaType | undefined {
    const types = s.types ?? s.impliedTypes;
    if (!types || types.length === 0) {
      if (s.properties || s.additionalProperties !== undefined || s.minProperties !== undefined) return "object";
      if (s.items || s.prefixItems) return "array";
      if (s.pattern !== undefined || s.format !== undefined || s.minLength !== undefined) return "string";
      if (s.minimum !== undefined || s.maximum !== undefined || s.multipleOf !== undefined) return "number";
      return undefined;
    }
    // A nullable schema gives its other type (a mock worth reading), unless recursion must end here.
    if (minimal && types.includes("null")) return "null";
    return types.find((t) => t !== "null") ?? types[0];
  }

  private allOf(s: Schema, depth: number, seen: Map<string, number>, variant: number): Synthesized {
    const merged = this.merge(s, 0);
    return this.value(merged, depth + 1, seen, variant);
  }

  /** allOf members and the schema's own keywords as one schema: properties joined, the rest merged. */
  private merge(schema: Schema, level: number): Schema {
    const { schema: s } = this.resolve(schema);
    if (!s.allOf || level > 16) return s;
    let out: Schema = { pointer: s.pointer };
    const { allOf, ...own } = s;
    for (const member of [...allOf, own as Schema]) {
      const m = this.merge(member, level + 1);
      const properties = [...(out.properties ?? [])];
      for (const p of m.properties ?? []) {
        const i = properties.findIndex((q) => q.name === p.name);
        if (i === -1) properties.push(p);
        else {
          const before = properties[i]!;
          properties[i] = {
            name: p.name,
            required: before.required || p.required,
            schema: Object.keys(p.schema).length > 1 ? p.schema : before.schema,
          };
        }
      }
      const types =
        out.types && m.types
          ? out.types.filter((t) => m.types!.includes(t) || (t === "integer" && m.types!.includes("number")))
          : (m.types ?? out.types);
      const tags = [...(out.tags ?? []), ...(m.tags ?? [])];
      out = {
        ...out,
        ...m,
        pointer: s.pointer,
        ...(properties.length > 0 ? { properties } : {}),
        ...(types ? { types } : {}),
        ...(tags.length > 0 ? { tags } : {}),
      };
      delete out.allOf;
    }
    return out;
  }

  private number(s: Schema, type: "integer" | "number", variant: number): Synthesized {
    const step = s.multipleOf ?? (type === "integer" ? 1 : undefined);
    const low = Math.max(s.minimum ?? -Infinity, s.exclusiveMinimum ?? -Infinity);
    const high = Math.min(s.maximum ?? Infinity, s.exclusiveMaximum ?? Infinity);
    const allowed = (v: number) =>
      Number.isFinite(v) &&
      (s.minimum === undefined || v >= s.minimum) &&
      (s.exclusiveMinimum === undefined || v > s.exclusiveMinimum) &&
      (s.maximum === undefined || v <= s.maximum) &&
      (s.exclusiveMaximum === undefined || v < s.exclusiveMaximum) &&
      (type !== "integer" || Number.isInteger(v)) &&
      (step === undefined || Number.isInteger(Number((v / step).toPrecision(12))));
    // The value nearest 0 within the bounds, then the next ones (a uniqueItems array's items differ).
    const base = low > 0 ? low : high < 0 ? high : 0;
    const candidates: number[] = [];
    if (step !== undefined) {
      const k = low > 0 ? Math.ceil(base / step) : high < 0 ? Math.floor(base / step) : 0;
      for (let i = 0; i < 4; i++) candidates.push((k + (high < 0 ? -1 : 1) * (i + variant)) * step);
    } else {
      candidates.push(base + variant, (low + high) / 2, low + 1, high - 1, low + 0.5, high - 0.5);
    }
    const found = candidates.map((v) => Number(v.toPrecision(15))).find(allowed);
    return found ?? NO_VALUE;
  }

  private string(s: Schema, variant: number): Synthesized {
    const min = s.minLength ?? 0;
    const max = s.maxLength ?? Infinity;
    const fits = (t: string) => [...t].length >= min && [...t].length <= max;
    if (s.date) return this.date(s.date);
    if (s.contentEncoding === "base64" && s.pattern === undefined) return fitted("c3BlY2Zvcmdl", min, max, variant);
    if (s.pattern !== undefined) {
      const samples = patternSamples(s.pattern, variant);
      const found = samples.filter(fits);
      if (found.length > 0) return found[0];
      const { start, end } = anchors(s.pattern);
      const first = samples[0];
      if (first === undefined) return NO_VALUE;
      const length = [...first].length;
      if (length < min && !end) return first + "a".repeat(min - length);
      if (length < min && !start) return "a".repeat(min - length) + first;
      return first;
    }
    const format = s.format === undefined ? undefined : FORMATS[s.format];
    if (format !== undefined) return variant === 0 ? format : formatVariant(s.format!, format, variant);
    return fitted("string", min, max, variant);
  }

  /** `x-specforge-date`: a date in its layout, 34 years before a fixed day unless the ages say otherwise. */
  private date(rule: NonNullable<Schema["date"]>): string {
    let age = 34;
    if (rule.minAge !== undefined && age < rule.minAge + 1) age = rule.minAge + 1;
    if (rule.maxAge !== undefined && age > rule.maxAge - 1) age = Math.max(rule.minAge ?? 0, rule.maxAge - 1);
    const year = String(2024 - age).padStart(4, "0");
    return rule.layout.replace("YYYY", year).replace("MM", "01").replace("DD", "15");
  }

  private array(s: Schema, depth: number, seen: Map<string, number>, minimal: boolean, variant: number): Synthesized {
    const prefix = s.prefixItems ?? [];
    const min = s.minItems ?? 0;
    const max = s.maxItems ?? Infinity;
    const least = minimal || this.options.fewest === true ? 0 : 1;
    const wanted = Math.min(max, Math.max(min, prefix.length, least, s.contains ? (s.minContains ?? 1) : 0));
    const out: unknown[] = [];
    for (let i = 0; i < wanted; i++) {
      const itemSchema =
        i < prefix.length
          ? prefix[i]!
          : s.contains && i - prefix.length < (s.minContains ?? 1)
            ? s.contains
            : (s.items ?? { pointer: s.pointer });
      const item = this.value(itemSchema, depth + 1, seen, s.uniqueItems ? i + variant : variant);
      if (item === NO_VALUE) {
        if (i >= min && i >= prefix.length) break;
        return NO_VALUE;
      }
      out.push(item);
    }
    return out;
  }

  private object(s: Schema, depth: number, seen: Map<string, number>, minimal: boolean, variant: number): Synthesized {
    const out: Record<string, unknown> = {};
    const hidden = this.options.hidden;
    const tags = new Map((s.tags ?? []).map((t) => [t.propertyName, t.values[0]]));
    const required = new Set((s.properties ?? []).filter((p) => p.required).map((p) => p.name));
    for (const d of s.dependentRequired ?? [])
      if (required.has(d.property)) for (const r of d.required) required.add(r);
    for (const p of s.properties ?? []) {
      const { schema: ps } = this.resolve(p.schema);
      if (ps[hidden] && !tags.has(p.name)) continue;
      const wanted =
        required.has(p.name) ||
        tags.has(p.name) ||
        (!minimal && this.options.examples && ps.examples !== undefined) ||
        (!minimal && this.options.full === true && depth <= FULL_DEPTH);
      if (!wanted) continue;
      if (tags.has(p.name)) {
        out[p.name] = tags.get(p.name);
        continue;
      }
      const value = this.value(p.schema, depth + 1, seen, variant);
      if (value === NO_VALUE) return NO_VALUE;
      out[p.name] = value;
    }
    for (const [name, value] of tags) if (!(name in out)) out[name] = value;
    // Members the schema requires by count: its other properties first, then additional ones.
    const minProperties = s.minProperties ?? 0;
    for (const p of s.properties ?? []) {
      if (Object.keys(out).length >= minProperties) break;
      if (p.name in out || this.resolve(p.schema).schema[hidden]) continue;
      const value = this.value(p.schema, depth + 1, seen, variant);
      if (value !== NO_VALUE) out[p.name] = value;
    }
    const extra = s.additionalProperties;
    for (let n = 1; Object.keys(out).length < minProperties; n++) {
      if (n > minProperties + 1) return NO_VALUE;
      const pattern = s.patternProperties?.[0];
      if (pattern) {
        const key = patternSamples(pattern.pattern)[n - 1] ?? `${patternSamples(pattern.pattern)[0] ?? ""}${n}`;
        const value = this.value(pattern.schema, depth + 1, seen, variant);
        if (value === NO_VALUE) return NO_VALUE;
        out[key] = value;
        continue;
      }
      if (extra === false) return NO_VALUE;
      const value = this.value(extra ?? { pointer: s.pointer }, depth + 1, seen, variant);
      if (value === NO_VALUE) return NO_VALUE;
      out[`additionalProp${n}`] = value;
    }
    return out;
  }
}

/** `base` cut or padded to a length in [min, max], varied by `variant`. */
function fitted(base: string, min: number, max: number, variant: number): Synthesized {
  let text = variant === 0 ? base : `${base}${variant}`;
  if (text.length < min) text += "x".repeat(min - text.length);
  if (text.length > max) text = text.slice(0, max);
  if (text.length < min) return NO_VALUE;
  return text;
}

/** Another value of a format, for the items of a `uniqueItems` array. */
function formatVariant(format: string, base: string, variant: number): string {
  const n = variant % 250;
  const day = String(1 + (n % 28)).padStart(2, "0");
  switch (format) {
    case "email":
    case "idn-email":
      return `user${n}@example.com`;
    case "hostname":
    case "idn-hostname":
      return `host${n}.example.com`;
    case "uri":
    case "iri":
    case "uri-reference":
    case "iri-reference":
    case "url":
      return `https://example.com/${n}`;
    case "ipv4":
      return `192.0.2.${1 + n}`;
    case "ipv6":
      return `2001:db8::${(1 + n).toString(16)}`;
    case "uuid":
      return `${base.slice(0, -3)}${n.toString(16).padStart(3, "0")}`;
    case "date":
      return `2024-01-${day}`;
    case "date-time":
      return `2024-01-${day}T09:30:00Z`;
    case "time":
      return `09:${String(n % 60).padStart(2, "0")}:00Z`;
    case "byte":
      return btoa(`specforge${n}`);
    case "json-pointer":
      return `/example/${n}`;
    default:
      return `${base}${n}`;
  }
}

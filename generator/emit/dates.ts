// `"dates": true`: which schemas can hold a `date-time`, and the converters client.ts runs on the
// bodies it hands back (generated per schema, shared for shared components, only along the paths that
// can hold one). Places: properties, array items and tuples, additionalProperties and
// patternProperties values, allOf members, nullable schemas, recursion, and oneOf/anyOf branches
// told apart by a discriminator or by their JSON type (an object branch, an array branch, a date-time
// string branch); branches of one type without a discriminator convert where they all agree (the
// same converter at the same place) and are left as they came elsewhere (see README).
import type { ApiModel, MediaContent, Operation, Schema, SchemaType } from "../model/index.js";
import { literal } from "./escape.js";

const isDateTime = (s: Schema) => s.format === "date-time" && (!s.types || s.types.includes("string"));
/** A date-time and nothing else, written in place: the runtime's own `toDate` converts it. */
const dateTimeAlone = (s: Schema) => s.ref === undefined && isDateTime(s) && walked(s).length === 0;

/** The schema's subschemas a converter walks (what can hold a value of the parent). */
function walked(s: Schema): Schema[] {
  return [
    ...(s.properties ?? []).map((p) => p.schema),
    ...(s.items ? [s.items] : []),
    ...(s.prefixItems ?? []),
    ...(s.additionalProperties ? [s.additionalProperties] : []),
    ...(s.patternProperties ?? []).map((p) => p.schema),
    ...(s.allOf ?? []),
    ...(s.oneOf ?? []),
    ...(s.anyOf ?? []),
  ];
}

/** The name of models.ts's `Date | string` input mapping: `DateInput` unless a schema has it. */
function dateInputName(model: ApiModel): string {
  const taken = new Set(model.schemas.map((s) => s.typeName));
  let name = "DateInput";
  for (let n = 2; taken.has(name); n++) name = `DateInput${n}`;
  return name;
}

export class DateConverters {
  /** models.ts's `Date | string` mapping (`DateInput<T>`), named once for every file that refers to it. */
  readonly inputName: string;
  private readonly components: Map<string, Schema>;
  /** Components that can hold a date-time, found once for the whole API. */
  private readonly needed = new Set<string>();
  private readonly functions: string[] = [];
  private readonly names = new Map<Schema, string>();

  constructor(model: ApiModel) {
    this.inputName = dateInputName(model);
    this.components = new Map(model.schemas.map((s) => [s.name, s.schema]));
    const users = new Map<string, string[]>();
    const queue: string[] = [];
    for (const [name, schema] of this.components) {
      const { leaf, refs } = this.local(schema);
      for (const ref of refs) {
        const list = users.get(ref);
        if (list) list.push(name);
        else users.set(ref, [name]);
      }
      if (leaf) {
        this.needed.add(name);
        queue.push(name);
      }
    }
    for (let i = 0; i < queue.length; i++) {
      for (const user of users.get(queue[i]!) ?? []) {
        if (this.needed.has(user)) continue;
        this.needed.add(user);
        queue.push(user);
      }
    }
  }

  /** Whether the schema holds a date-time itself (not through a ref), and the components it names. */
  private local(schema: Schema): { leaf: boolean; refs: Set<string> } {
    const refs = new Set<string>();
    let leaf = false;
    const stack = [schema];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (s.ref !== undefined) {
        refs.add(s.ref);
        continue;
      }
      if (isDateTime(s)) leaf = true;
      stack.push(...walked(s));
    }
    return { leaf, refs };
  }

  private readonly answers = new WeakMap<Schema, boolean>();

  /** Whether a value of `schema` can hold a date-time anywhere (asked once per schema). */
  needs(schema: Schema): boolean {
    let answer = this.answers.get(schema);
    if (answer === undefined) {
      const { leaf, refs } = this.local(schema);
      answer = leaf || [...refs].some((r) => this.needed.has(r));
      this.answers.set(schema, answer);
    }
    return answer;
  }

  /** The name of the function converting a value of `schema` (declared on first use), or undefined. */
  converter(schema: Schema): string | undefined {
    if (!this.needs(schema)) return undefined;
    // A date-time and nothing else: the runtime's own function.
    if (dateTimeAlone(schema)) return "toDate";
    const key = schema.ref !== undefined ? this.components.get(schema.ref)! : schema;
    let name = this.names.get(key);
    if (name) return name;
    name = `d$${this.names.size}`;
    this.names.set(key, name);
    this.functions.push(""); // its place, so functions stay in first-use order
    const at = this.functions.length - 1;
    this.functions[at] = this.declare(name, key);
    return name;
  }

  /** Every converter declared so far. */
  declarations(): string {
    return this.functions.join("\n\n");
  }

  /**
   * A converter: a call to a dates-runtime helper per part of the schema that can hold a date-time
   * (its members, elements, allOf members, union branches), in that order. Data, not code: the
   * user's tsc checks a call per part instead of narrowing per member and a loop per array.
   */
  private declare(name: string, s: Schema): string {
    const steps: string[] = [];
    if (isDateTime(s)) steps.push("toDate(v)");
    const list = (items: string[]) => `[${items.join(", ")}]`;
    const named = (s.properties ?? []).flatMap((p) => {
      const f = this.converter(p.schema);
      return f ? [{ key: literal(p.name), f }] : [];
    });
    // Names, converters, patterns: module constants beside the function, made once, not per call.
    const constants: string[] = [];
    if (named.length > 0) {
      constants.push(
        `const ${name}n = ${list(named.map((n) => n.key))};`,
        `const ${name}c = ${list(named.map((n) => n.f))};`,
      );
      steps.push(`convertFields(v, ${name}n, ${name}c)`);
    }
    const extra = s.additionalProperties ? this.converter(s.additionalProperties) : undefined;
    const patterns = (s.patternProperties ?? []).map((p, i) => ({
      p,
      re: `${name}p${i}`,
      f: this.converter(p.schema),
    }));
    const known = (s.properties ?? []).map((p) => literal(p.name));
    if (extra && known.length === 0 && patterns.length === 0) steps.push(`convertValues(v, ${extra})`);
    else if (extra || patterns.some((p) => p.f)) {
      if (extra && known.length > 0) constants.push(`const ${name}k = new Set(${list(known)});`);
      // Every pattern claims its keys from additionalProperties, with a converter or not.
      const claiming = extra ? patterns : patterns.filter((p) => p.f);
      for (const { p, re } of claiming) constants.push(`const ${re} = new RegExp(${literal(p.pattern)}, "u");`);
      const converters = claiming.map((p) => p.f ?? "undefined");
      steps.push(
        `convertMembers(v, ${extra && known.length > 0 ? `${name}k` : "undefined"}, ${list(claiming.map((p) => p.re))}, ${list(converters)}, ${extra ?? "undefined"})`,
      );
    }
    const items = s.items ? this.converter(s.items) : undefined;
    const tuple = (s.prefixItems ?? []).flatMap((p, i) => {
      const f = this.converter(p);
      return f ? [{ i, f }] : [];
    });
    if (tuple.length > 0)
      steps.push(`convertTuple(v, ${list(tuple.map((t) => String(t.i)))}, ${list(tuple.map((t) => t.f))})`);
    if (items) steps.push(`convertItems(v, ${items}${s.prefixItems?.length ? `, ${s.prefixItems.length}` : ""})`);
    for (const member of s.allOf ?? []) {
      const f = this.converter(member);
      if (f) steps.push(`${f}(v)`);
    }
    for (const branches of [s.oneOf, s.anyOf]) {
      const step = branches ? this.union(s, branches) : undefined;
      if (step) steps.push(step);
    }
    const body =
      steps.length === 1 ? [`    return ${steps[0]};`] : [...steps.map((step) => `    v = ${step};`), "    return v;"];
    return [...constants, `function ${name}(v: any): any {`, ...body, "}"].join("\n");
  }

  /** A union's step: by discriminator, else by each JSON type whose only converting branch is clear. */
  private union(s: Schema, branches: Schema[]): string | undefined {
    const d = s.discriminator;
    if (d) {
      const fallback = d.defaultSchema && this.converter({ pointer: s.pointer, ref: d.defaultSchema });
      // With a default, every mapped tag is listed (those without dates as `undefined`), so that only
      // an absent or unmapped tag falls back to the default's converter.
      const cases = d.mapping.flatMap((m) => {
        const f = this.converter({ pointer: s.pointer, ref: m.schema });
        return f ? [{ tag: literal(m.value), f }] : fallback ? [{ tag: literal(m.value), f: "undefined" }] : [];
      });
      if (cases.length === 0 && !fallback) return undefined;
      return `convertTagged(v, ${literal(d.propertyName)}, [${cases.map((c) => c.tag).join(", ")}], [${cases.map((c) => c.f).join(", ")}]${fallback ? `, ${fallback}` : ""})`;
    }
    const kinds = new Map<string, Schema[]>();
    for (const branch of branches) {
      for (const kind of this.kinds(branch)) kinds.set(kind, [...(kinds.get(kind) ?? []), branch]);
    }
    const pick = (kind: string) => {
      const list = kinds.get(kind);
      if (!list) return undefined;
      return list.length === 1 ? this.converter(list[0]!) : this.agreed(s, kind, list);
    };
    const [object, array, string] = [pick("object"), pick("array"), pick("string")];
    if (!object && !array && !string) return undefined;
    return `convertByKind(v, ${object ?? "undefined"}, ${array ?? "undefined"}, ${string ?? "undefined"})`;
  }

  /** The schema a branch names, through its refs. */
  private resolved(branch: Schema): Schema {
    let s = branch;
    for (let hops = 0; s.ref !== undefined && hops < 32; hops++) s = this.components.get(s.ref) ?? { pointer: "" };
    return s;
  }

  /** The JSON types a branch's values can have (all of them when it does not say). */
  private kinds(branch: Schema): SchemaType[] {
    const s = this.resolved(branch);
    return s.types ?? s.impliedTypes ?? ["object", "array", "string", "number", "boolean", "null"];
  }

  /**
   * The converter of branches of one JSON type that nothing tells apart: only the places where every
   * one of them converts the same way (an object's property that each declares with the same
   * converter, array items, a date-time string). Where they disagree the value stays as it came.
   */
  private agreed(union: Schema, kind: string, branches: Schema[]): string | undefined {
    const schemas = branches.map((b) => this.resolved(b));
    if (kind === "string") return schemas.every(dateTimeAlone) ? "toDate" : undefined;
    if (kind === "array") {
      const head = schemas[0]!.items;
      const key = head && this.conversion(head);
      if (key === undefined || !schemas.every((b) => b.items && this.conversion(b.items) === key)) return undefined;
      return this.converter({ pointer: union.pointer, types: ["array"], items: head! });
    }
    if (kind !== "object") return undefined;
    const [head, ...rest] = schemas;
    const properties = (head!.properties ?? []).filter((p) => {
      const key = this.conversion(p.schema);
      return (
        key !== undefined &&
        rest.every((b) => b.properties?.some((q) => q.name === p.name && this.conversion(q.schema) === key))
      );
    });
    if (properties.length === 0) return undefined;
    return this.converter({ pointer: union.pointer, types: ["object"], properties });
  }

  /**
   * What converting a value of `schema` does, as something to compare without declaring a converter
   * (a declared converter nothing calls would be dead code): `toDate` for a date-time alone, the
   * component a ref names, else the schema itself; undefined when it converts nothing.
   */
  private conversion(schema: Schema): unknown {
    if (!this.needs(schema)) return undefined;
    if (schema.ref !== undefined) return this.components.get(schema.ref);
    if (dateTimeAlone(schema)) return "toDate";
    return schema;
  }

  /** The body schema the client reads of an answer (its JSON media type's, else the first). */
  private body(contents: MediaContent[]): Schema | undefined {
    return (contents.find((c) => /json/i.test(c.mediaType)) ?? contents[0])?.schema;
  }

  /** The converter of an answer's body (the JSON media type the client reads), or undefined. */
  content(contents: MediaContent[]): string | undefined {
    const body = this.body(contents);
    return body ? this.converter(body) : undefined;
  }

  /**
   * The converter of an operation's success body: its 2xx answers' (or `default`'s) when they all
   * share one; none when they differ (the body's status is not known to the operation's function).
   */
  result(op: Operation): string | undefined {
    const success = op.responses.filter((r) => /^2/.test(r.status) && r.contents.length > 0);
    const chosen = success.length > 0 ? success : op.responses.filter((r) => r.status === "default");
    // Compared before any converter is declared: one declared for answers that disagree would be dead code.
    const bodies = chosen.map((r) => this.body(r.contents));
    const found = new Set(bodies.map((b) => (b ? this.conversion(b) : undefined)));
    return found.size === 1 && bodies[0] ? this.converter(bodies[0]) : undefined;
  }

  /** Converters of the error bodies by status, for `sendDates`: `{ 400: d$1, default: d$2 }`, or undefined. */
  errors(op: Operation): string | undefined {
    const entries = op.responses
      .filter((r) => !/^2/.test(r.status) && r.contents.length > 0)
      .flatMap((r) => {
        const f = this.content(r.contents);
        return f ? [`${literal(r.status)}: ${f}`] : [];
      });
    return entries.length > 0 ? `{ ${entries.join(", ")} }` : undefined;
  }

  /** Whether an operation's input can hold a date-time (it is sent through `toWire`). */
  input(op: Operation): boolean {
    return (
      op.parameters.some((p) => this.needs(p.schema)) || (op.body?.contents.some((c) => this.needs(c.schema)) ?? false)
    );
  }
}

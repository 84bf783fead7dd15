// Compares two versions of a schema as the generated code sees it: which values the validators
// accept, which shapes the types describe. Walks both at once, breadth first, so a change inside a
// component reached several ways is reported once, at its shortest path from the operation.
import { acceptsAnything, type Schema, type SchemaType } from "../model/index.js";
import { type Direction, type FoundChange, member, type Side, severityOf, shown } from "./changes.js";

/** A model's component schemas by name, and the names unchanged between the two versions. */
export interface Components {
  old: Map<string, Schema>;
  new: Map<string, Schema>;
  /** Components whose whole graph (themselves and all they reach) is the same in both versions. */
  unchanged: Set<string>;
}

interface Pair {
  o: Schema;
  n: Schema;
  path: string;
  /** The innermost component the pair lies in, named in messages. */
  component: string | undefined;
  /** The pair is an `allOf` member: its properties were compared with its parent's. */
  membersOnly: boolean;
}

/** What comparing one pair of schemas found: changes at paths relative to it, and refs to follow. */
interface Walk {
  changes: FoundChange[];
  edges: { path: string; depth: number; o: Schema; n: Schema; membersOnly: boolean }[];
}

/** One step of a path as `member` and the array and map steps write it. */
const SEGMENT = /\.[^.[]+|\[(?:"(?:[^"\\]|\\.)*"|\d*)\]/g;

interface Resolved {
  schema: Schema;
  /** The component the schema is (the last one a chain of refs led to). */
  component: string | undefined;
}

const BOUNDS: [keyof Schema, "min" | "max"][] = [
  ["minLength", "min"],
  ["maxLength", "max"],
  ["minItems", "min"],
  ["maxItems", "max"],
  ["minProperties", "min"],
  ["maxProperties", "max"],
  ["minContains", "min"],
  ["maxContains", "max"],
];

/** Keywords compared as a whole: any difference is a change in no clear direction. */
const WHOLE: (keyof Schema)[] = [
  "not",
  "conditional",
  "contains",
  "propertyNames",
  "patternProperties",
  "dependentRequired",
  "dependentSchemas",
  "unevaluatedProperties",
  "unevaluatedItems",
  "contentEncoding",
  "contentMediaType",
  "date",
];

const ALL_TYPES: SchemaType[] = ["string", "number", "integer", "boolean", "null", "array", "object"];

/** Annotations that say nothing about which values are accepted. */
const IGNORED = new Set(["pointer", "title", "description", "examples", "messages", "unenforced", "default"]);

/** A schema's text without its annotations and places: equal texts constrain alike. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (key, v) => (IGNORED.has(key) ? undefined : v)) ?? "";
}

export class SchemaDiff {
  constructor(private readonly components: Components) {}

  /** Follows refs to the schema they name. */
  private resolve(schema: Schema, version: "old" | "new"): Resolved {
    const table = this.components[version];
    let current = schema;
    let component: string | undefined;
    for (let hops = 0; current.ref !== undefined && hops < 64; hops++) {
      const target = table.get(current.ref);
      if (!target) break;
      component = current.ref;
      current = target;
    }
    return { schema: current, component };
  }

  /** Whether a flag is set on the schema or on any ref leading to it. */
  private flag(schema: Schema, version: "old" | "new", key: "readOnly" | "writeOnly" | "deprecated"): boolean {
    const table = this.components[version];
    let current: Schema | undefined = schema;
    for (let hops = 0; current && hops < 64; hops++) {
      if (current[key] === true) return true;
      current = current.ref === undefined ? undefined : table.get(current.ref);
    }
    return false;
  }

  /** Each pair of components compared once per side: its own changes, and where it refers on. */
  private readonly walked = new Map<string, Walk>();

  /**
   * Every change between `o` and `n` for values travelling on `side`, with `where` the place of the
   * root (`updateUser body`). Each pair of components is walked once per side (cached) and reported at
   * every root that reaches it, once, at its shortest path from the root.
   */
  compare(o: Schema, n: Schema, side: Side, where: string, out: FoundChange[]): void {
    // A root that names components on both sides is one edge: the components' walk is shared.
    const root: Walk =
      o.ref !== undefined && n.ref !== undefined
        ? { changes: [], edges: [{ path: "", depth: 0, o, n, membersOnly: false }] }
        : this.walk(o, n, side, false, undefined);
    // Shortest paths first: items are processed by depth (members and segments from the root), and a
    // pair of components is taken at the first, shallowest, place it is reached.
    interface Item {
      prefix: string;
      key: string | undefined;
      edge: Walk["edges"][number] | undefined;
    }
    const buckets: Item[][] = [[{ prefix: where, key: undefined, edge: undefined }]];
    const reached = new Set<string>();
    for (let depth = 0; depth < buckets.length; depth++) {
      for (const item of buckets[depth] ?? []) {
        let walk = root;
        if (item.key !== undefined) {
          if (reached.has(item.key)) continue;
          reached.add(item.key);
          const edge = item.edge!;
          if (edge.o.ref === edge.n.ref && this.components.unchanged.has(edge.o.ref!)) continue;
          const cached = this.walked.get(`${side}\0${item.key}`);
          walk = cached ?? this.walk(edge.o, edge.n, side, edge.membersOnly, edge.n.ref);
          if (!cached) this.walked.set(`${side}\0${item.key}`, walk);
        }
        for (const c of walk.changes) out.push({ ...c, where: item.prefix + c.where });
        for (const edge of walk.edges) {
          const key = `${edge.o.ref}\0${edge.n.ref}\0${edge.membersOnly}`;
          if (reached.has(key)) continue;
          (buckets[depth + edge.depth] ??= []).push({ prefix: item.prefix + edge.path, key, edge });
        }
      }
    }
  }

  /**
   * Compares `o` and `n` down to the refs to components below them (edges: walked on their own), with
   * paths relative to the pair (`.email`, `[].id`).
   */
  private walk(o: Schema, n: Schema, side: Side, membersOnly: boolean, inComponent: string | undefined): Walk {
    const walk: Walk = { changes: [], edges: [] };
    const queue: Pair[] = [{ o, n, path: "", component: inComponent, membersOnly }];
    const seen = [new Map<Schema, Set<Schema>>(), new Map<Schema, Set<Schema>>()];
    for (let i = 0; i < queue.length; i++) {
      const pair = queue[i]!;
      if (i > 0 && pair.o.ref !== undefined && pair.n.ref !== undefined) {
        const depth = pair.path.match(SEGMENT)?.length ?? 0;
        walk.edges.push({ path: pair.path, depth, o: pair.o, n: pair.n, membersOnly: pair.membersOnly });
        continue;
      }
      const ro = this.resolve(pair.o, "old");
      const rn = this.resolve(pair.n, "new");
      const visited = seen[Number(pair.membersOnly)]!;
      let partners = visited.get(ro.schema);
      if (!partners) visited.set(ro.schema, (partners = new Set()));
      if (partners.has(rn.schema)) continue;
      partners.add(rn.schema);
      const component = rn.component ?? ro.component ?? pair.component;
      // `allOf` on one side only (members extracted from a schema, or merged into one): compare what
      // the members say together.
      let [os, ns] = [ro.schema, rn.schema];
      if (!os.allOf !== !ns.allOf) [os, ns] = [this.merged(os, "old"), this.merged(ns, "new")];
      new NodeDiff(this, side, { ...pair, component }, os, ns, walk.changes, queue).run();
    }
    return walk;
  }

  /** The properties an object schema declares, with those of its `allOf` members, as seen on `side`. */
  properties(
    schema: Schema,
    version: "old" | "new",
    side: Side,
    /** Components named by `allOf` members in both versions: compared on their own (whole), not here. */
    shared: Set<string>,
  ): Map<string, { required: boolean; schema: Schema }> {
    const found = new Map<string, { required: boolean; schema: Schema }>();
    const hidden = side === "request" ? "readOnly" : "writeOnly";
    const visit = (node: Schema, depth: number) => {
      const s = this.resolve(node, version).schema;
      if (depth > 32) return;
      for (const p of s.properties ?? []) {
        if (this.flag(p.schema, version, hidden)) continue;
        const known = found.get(p.name);
        if (!known) found.set(p.name, { required: p.required, schema: p.schema });
        else {
          known.required ||= p.required;
          if (acceptsAnything(this.resolve(known.schema, version).schema)) known.schema = p.schema;
        }
      }
      for (const m of s.allOf ?? []) if (depth > 0 || m.ref === undefined || !shared.has(m.ref)) visit(m, depth + 1);
    };
    visit(schema, 0);
    return found;
  }

  /**
   * An `allOf` schema as one schema: its members' keywords and its own, merged (later ones win where
   * they disagree), for comparing with a version that says the same without `allOf`. Properties are
   * gathered by `properties`.
   */
  merged(schema: Schema, version: "old" | "new", depth = 0): Schema {
    const s = this.resolve(schema, version).schema;
    if (!s.allOf || depth > 16) return s;
    const out: Schema = { pointer: s.pointer };
    for (const m of s.allOf) Object.assign(out, this.merged(m, version, depth + 1));
    const { allOf: _members, ...own } = s;
    Object.assign(out, own);
    delete out.allOf;
    return out;
  }
}

/** The comparison of one pair of resolved schemas; subschemas are queued, not walked. */
class NodeDiff {
  constructor(
    private readonly diff: SchemaDiff,
    private readonly side: Side,
    private readonly pair: Pair,
    private readonly o: Schema,
    private readonly n: Schema,
    private readonly out: FoundChange[],
    private readonly queue: Pair[],
  ) {}

  private report(direction: Direction, message: string, keyword?: string, version: "old" | "new" = "new"): void {
    const schema = version === "new" ? this.n : this.o;
    const inComponent = this.pair.component === undefined ? "" : ` (in ${this.pair.component})`;
    this.out.push({
      severity: severityOf(this.side, direction),
      where: this.pair.path,
      message: message + inComponent,
      pointer: keyword === undefined ? schema.pointer : `${schema.pointer}/${keyword}`,
      in: version,
    });
  }

  private push(o: Schema, n: Schema, path: string, membersOnly = false): void {
    this.queue.push({ o, n, path, component: this.pair.component, membersOnly });
  }

  run(): void {
    if (this.unionLifted()) return;
    if (!this.types()) return;
    this.enums();
    this.strings();
    this.bounds();
    this.whole();
    if (!this.pair.membersOnly) this.properties();
    this.additional();
    this.items();
    this.compositions();
  }

  /**
   * A schema that became a union of itself and other branches (`X` -> `oneOf: [X, null]`), or the
   * reverse: the schema is compared with its branch, and the other branches are reported as added
   * (wider) or removed (narrower). True when it was such a case.
   */
  private unionLifted(): boolean {
    const union = (s: Schema) => s.oneOf ?? s.anyOf;
    const pure = (s: Schema) =>
      union(s) !== undefined && !s.allOf && !s.types && !s.properties && !(s.oneOf && s.anyOf) && !s.enum;
    const plain = (s: Schema) => !s.oneOf && !s.anyOf && !s.allOf;
    const { o, n, pair } = this;
    const lifted = pure(n) && plain(o) ? "new" : pure(o) && plain(n) ? "old" : undefined;
    if (!lifted) return false;
    const single = lifted === "new" ? pair.o : pair.n;
    const branches = union(lifted === "new" ? n : o)!;
    const onlyNull = (b: Schema) => canonical(b.types) === '["null"]' && Object.keys(b).length <= 2;
    const types = (b: Schema) => b.types ?? b.impliedTypes;
    const mine = types(lifted === "new" ? o : n);
    const match =
      branches.find((b) => b.ref !== undefined && b.ref === single.ref) ??
      branches.find((b) => !onlyNull(b) && (!mine || !types(b) || types(b)!.some((t) => mine.includes(t)))) ??
      branches[0]!;
    const keyword = n.oneOf ? "oneOf" : "anyOf";
    for (const b of branches) {
      if (b === match) continue;
      const name = b.ref ?? `#${branches.indexOf(b) + 1}`;
      if (lifted === "new") this.report("wider", onlyNull(b) ? "now nullable" : `may now also be ${name}`, keyword);
      else this.report("narrower", onlyNull(b) ? "no longer nullable" : `may no longer be ${name}`, undefined, "old");
    }
    if (lifted === "new") this.push(single, match, pair.path);
    else this.push(match, single, pair.path);
    return true;
  }

  /** Types: false when they no longer overlap (nothing below is worth comparing then). */
  private types(): boolean {
    const types = (s: Schema) => s.types ?? s.impliedTypes;
    const ot = types(this.o);
    const nt = types(this.n);
    if (canonical(ot) === canonical(nt)) return true;
    const set = (t: SchemaType[] | undefined) => {
      const all = new Set(t ?? ALL_TYPES);
      if (all.has("number")) all.add("integer");
      return all;
    };
    const os = set(ot);
    const ns = set(nt);
    const lost = [...os].filter((t) => !ns.has(t));
    const gained = [...ns].filter((t) => !os.has(t));
    const name = (t: SchemaType[] | undefined) => (t ? t.join(" | ") : "any");
    if (lost.length === 0 && gained.length === 0) return true;
    const direction: Direction = lost.length === 0 ? "wider" : gained.length === 0 ? "narrower" : "changed";
    const message =
      canonical(ot?.filter((t) => t !== "null")) === canonical(nt?.filter((t) => t !== "null")) && ot && nt
        ? gained.includes("null")
          ? "now nullable"
          : "no longer nullable"
        : `type ${name(ot)} -> ${name(nt)}`;
    this.report(direction, message, this.n.types ? "type" : undefined);
    return [...os].some((t) => ns.has(t));
  }

  private enums(): void {
    const values = (s: Schema) =>
      s.enum ? s.enum.map((v) => JSON.stringify(v)) : s.const ? [JSON.stringify(s.const.value)] : undefined;
    const ov = values(this.o);
    const nv = values(this.n);
    if (canonical(ov) === canonical(nv)) return;
    const keyword = this.n.enum ? "enum" : this.n.const ? "const" : undefined;
    if (!ov) {
      this.report("narrower", `now limited to ${list(nv!)}`, keyword);
      return;
    }
    if (!nv) {
      this.report("wider", `no longer limited to ${list(ov)}`, undefined, "old");
      return;
    }
    const added = nv.filter((v) => !ov.includes(v));
    const removed = ov.filter((v) => !nv.includes(v));
    if (added.length === 0 && removed.length === 0) return;
    const parts = [
      ...(added.length > 0 ? [`${list(added)} added`] : []),
      ...(removed.length > 0 ? [`${list(removed)} removed`] : []),
    ];
    const direction: Direction = removed.length === 0 ? "wider" : added.length === 0 ? "narrower" : "changed";
    this.report(direction, `allowed values: ${parts.join(", ")}`, keyword);
  }

  private strings(): void {
    for (const key of ["format", "pattern"] as const) {
      const ov = this.o[key];
      const nv = this.n[key];
      if (ov === nv) continue;
      if (ov === undefined) this.report("narrower", `${key} ${shown(nv)} added`, key);
      else if (nv === undefined) this.report("wider", `${key} ${shown(ov)} removed`, key, "old");
      else this.report("changed", `${key} ${shown(ov)} -> ${shown(nv)}`, key);
    }
    const om = this.o.multipleOf;
    const nm = this.n.multipleOf;
    if (om !== nm) {
      const direction: Direction =
        om === undefined
          ? "narrower"
          : nm === undefined
            ? "wider"
            : Number.isInteger(nm / om)
              ? "narrower"
              : Number.isInteger(om / nm)
                ? "wider"
                : "changed";
      this.report(direction, `multipleOf ${shown(om)} -> ${shown(nm)}`, nm === undefined ? undefined : "multipleOf");
    }
    if (!!this.o.uniqueItems !== !!this.n.uniqueItems) {
      this.report(
        this.n.uniqueItems ? "narrower" : "wider",
        `uniqueItems ${!!this.o.uniqueItems} -> ${!!this.n.uniqueItems}`,
      );
    }
    if (!this.o.deprecated && this.n.deprecated && this.pair.membersOnly === false) {
      this.out.push({
        severity: "compatible",
        where: this.pair.path,
        message: "deprecated" + (this.pair.component === undefined ? "" : ` (in ${this.pair.component})`),
        pointer: `${this.n.pointer}/deprecated`,
        in: "new",
      });
    }
  }

  private bounds(): void {
    this.numericBound("minimum", "exclusiveMinimum", "min");
    this.numericBound("maximum", "exclusiveMaximum", "max");
    for (const [key, kind] of BOUNDS) {
      const ov = this.o[key] as number | undefined;
      const nv = this.n[key] as number | undefined;
      if (ov === nv) continue;
      const tighter = ov === undefined || (nv !== undefined && (kind === "min" ? nv > ov : nv < ov));
      this.report(
        tighter ? "narrower" : "wider",
        `${key} ${shown(ov)} -> ${shown(nv)}`,
        nv === undefined ? undefined : key,
      );
    }
  }

  /**
   * A number's lower or upper bound, inclusive and exclusive together (`maximum: 5` after
   * `exclusiveMaximum: 5` lets 5 through: wider).
   */
  private numericBound(
    inclusive: "minimum" | "maximum",
    exclusive: "exclusiveMinimum" | "exclusiveMaximum",
    kind: "min" | "max",
  ): void {
    const sign = kind === "min" ? 1 : -1;
    /** The bound as a number where higher is tighter, and whether the bound itself is refused. */
    const bound = (s: Schema) => {
      const candidates: { at: number; strict: boolean }[] = [];
      if (s[inclusive] !== undefined) candidates.push({ at: sign * s[inclusive], strict: false });
      if (s[exclusive] !== undefined) candidates.push({ at: sign * s[exclusive], strict: true });
      candidates.sort((a, b) => b.at - a.at || Number(b.strict) - Number(a.strict));
      return candidates[0];
    };
    const ob = bound(this.o);
    const nb = bound(this.n);
    if (ob?.at === nb?.at && ob?.strict === nb?.strict) return;
    const tighter = !ob || (!!nb && (nb.at > ob.at || (nb.at === ob.at && nb.strict)));
    const sameKeys =
      (this.o[inclusive] === undefined) === (this.n[inclusive] === undefined) &&
      (this.o[exclusive] === undefined) === (this.n[exclusive] === undefined);
    const single = sameKeys && (this.o[exclusive] === undefined || this.o[inclusive] === undefined);
    const key =
      single && this.o[exclusive] === undefined && this.n[exclusive] === undefined
        ? inclusive
        : single && this.o[inclusive] === undefined && this.n[inclusive] === undefined
          ? exclusive
          : undefined;
    const text = (b: typeof ob) =>
      b === undefined ? "none" : `${kind === "min" ? (b.strict ? ">" : ">=") : b.strict ? "<" : "<="} ${sign * b.at}`;
    const message = key
      ? `${key} ${shown(this.o[key])} -> ${shown(this.n[key])}`
      : `${kind === "min" ? "lower" : "upper"} bound ${text(ob)} -> ${text(nb)}`;
    this.report(
      tighter ? "narrower" : "wider",
      message,
      nb === undefined ? undefined : (key ?? (this.n[exclusive] !== undefined ? exclusive : inclusive)),
    );
  }

  private whole(): void {
    for (const key of WHOLE) {
      if (canonical(this.o[key]) === canonical(this.n[key])) continue;
      this.report("changed", `${key} changed`, this.n[key] === undefined ? undefined : key);
    }
    const od = this.o.discriminator;
    const nd = this.n.discriminator;
    if (od && nd && od.propertyName !== nd.propertyName) {
      this.report("changed", `discriminator ${shown(od.propertyName)} -> ${shown(nd.propertyName)}`, "discriminator");
    }
    // The values discriminators give this schema, by property, in any order.
    const values = (s: Schema) =>
      (s.tags ?? []).flatMap((t) => t.values.map((v) => `${t.propertyName}=${JSON.stringify(v)}`)).sort();
    const ov = values(this.o);
    const nv = values(this.n);
    if (ov.join("\0") !== nv.join("\0")) {
      const added = nv.filter((v) => !ov.includes(v));
      const removed = ov.filter((v) => !nv.includes(v));
      const direction: Direction = removed.length === 0 ? "wider" : added.length === 0 ? "narrower" : "changed";
      this.report(direction, `discriminator values ${list(ov)} -> ${list(nv)}`);
    }
  }

  private properties(): void {
    const diff = this.diff;
    const { side, pair } = this;
    const refs = (s: Schema) => (s.allOf ?? []).flatMap((m) => (m.ref === undefined ? [] : [m.ref]));
    const oldRefs = new Set(refs(this.o));
    const shared = new Set(refs(this.n).filter((r) => oldRefs.has(r)));
    const op = diff.properties(pair.o, "old", side, shared);
    const np = diff.properties(pair.n, "new", side, shared);
    if (op.size === 0 && np.size === 0) return;
    for (const [name, before] of op) {
      const where = member(pair.path, name);
      const after = np.get(name);
      if (!after) {
        this.out.push({
          severity: "breaking",
          where,
          message: `field removed${before.required ? "" : " (it was optional)"}${this.inComponent()}`,
          pointer: before.schema.pointer,
          in: "old",
        });
        continue;
      }
      if (before.required !== after.required) {
        // Required is narrower: a request must now carry it; a response field may now be absent.
        this.out.push({
          severity: severityOf(side, after.required ? "narrower" : "wider"),
          where,
          message: `${after.required ? "optional -> required" : "required -> optional"}${this.inComponent()}`,
          pointer: after.schema.pointer,
          in: "new",
        });
      }
      this.push(before.schema, after.schema, where);
    }
    for (const [name, after] of np) {
      if (op.has(name)) continue;
      const required = after.required;
      this.out.push({
        severity: side === "request" && required ? "breaking" : "compatible",
        where: member(pair.path, name),
        message: `${required ? "required" : "optional"} field added${this.inComponent()}`,
        pointer: after.schema.pointer,
        in: "new",
      });
    }
  }

  private inComponent(): string {
    return this.pair.component === undefined ? "" : ` (in ${this.pair.component})`;
  }

  private additional(): void {
    const oa = this.o.additionalProperties;
    const na = this.n.additionalProperties;
    const path = `${this.pair.path}.*`;
    if (oa === undefined && na === undefined) return;
    if (oa === false && na === false) return;
    if (oa !== undefined && oa !== false && na !== undefined && na !== false) {
      this.push(oa, na, path);
      return;
    }
    const what = (a: false | Schema | undefined) =>
      a === undefined ? "allowed" : a === false ? "not allowed" : "limited";
    const direction: Direction = oa === undefined || (oa !== false && na === false) ? "narrower" : "wider";
    this.report(
      direction,
      `other properties: ${what(oa)} -> ${what(na)}`,
      na === undefined ? undefined : "additionalProperties",
    );
  }

  private items(): void {
    const { o, n, pair } = this;
    const empty = (s: Schema): Schema => ({ pointer: s.pointer });
    if (o.items || n.items) this.push(o.items ?? empty(o), n.items ?? empty(n), `${pair.path}[]`);
    const count = Math.max(o.prefixItems?.length ?? 0, n.prefixItems?.length ?? 0);
    for (let i = 0; i < count; i++) {
      this.push(o.prefixItems?.[i] ?? empty(o), n.prefixItems?.[i] ?? empty(n), `${pair.path}[${i}]`);
    }
  }

  /** `allOf` members (each must hold: one more is narrower), `oneOf`/`anyOf` branches (one more is wider). */
  private compositions(): void {
    for (const key of ["allOf", "oneOf", "anyOf"] as const) {
      const om = this.o[key] ?? [];
      const nm = this.n[key] ?? [];
      if (om.length === 0 && nm.length === 0) continue;
      const { matched, removed, added } = matchMembers(om, nm);
      const more: Direction = key === "allOf" ? "narrower" : "wider";
      const fewer: Direction = key === "allOf" ? "wider" : "narrower";
      const label = (s: Schema, list: Schema[]) => (s.ref !== undefined ? s.ref : `#${list.indexOf(s) + 1}`);
      for (const s of removed) this.report(fewer, `${key} member ${label(s, om)} removed`, undefined, "old");
      for (const s of added) this.report(more, `${key} member ${label(s, nm)} added`, key);
      // A component named on both sides is compared whole, as a component of its own (its properties
      // are left out of this schema's); other allOf members only for what they say besides properties.
      for (const [a, b] of matched)
        this.push(a, b, this.pair.path, key === "allOf" && !(a.ref !== undefined && a.ref === b.ref));
    }
  }
}

/** Pairs composition members: by the component they name, then the inline ones in order. */
function matchMembers(om: Schema[], nm: Schema[]): { matched: [Schema, Schema][]; removed: Schema[]; added: Schema[] } {
  const matched: [Schema, Schema][] = [];
  const rest = [...nm];
  const removed: Schema[] = [];
  const inlineOld: Schema[] = [];
  for (const s of om) {
    if (s.ref === undefined) {
      inlineOld.push(s);
      continue;
    }
    const i = rest.findIndex((t) => t.ref === s.ref);
    if (i === -1) removed.push(s);
    else matched.push([s, rest.splice(i, 1)[0]!]);
  }
  const inlineNew = rest.filter((s) => s.ref === undefined);
  const added = rest.filter((s) => s.ref !== undefined);
  inlineOld.forEach((s, i) => {
    const t = inlineNew[i];
    if (t) matched.push([s, t]);
    else removed.push(s);
  });
  added.push(...inlineNew.slice(inlineOld.length));
  return { matched, removed, added };
}

function list(values: string[]): string {
  const text = values.join(", ");
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

// What the checks of one validators file share: module-level constants and shared check functions
// (each declared once, in order of first use), local names, the inlining policy. Warnings about the
// spec are the model's (model/context.ts): the emitter only reads its plans.
import { type Schema, schemaChildren } from "../../model/index.js";
import { type CompiledPattern, planPattern } from "../../model/patterns.js";
import { markLoops } from "../../model/recursion.js";
import { type Code, code, id, join, json } from "../code.js";

/** Most references to a component that still inline it (see `CheckContext.inlines`). */
const INLINE_MAX_REFERENCES = 4;

/**
 * Schema nodes (every schema of the spec, refs counting one where they stand) beyond which the
 * validators are compact: nothing is written in place, every member and component is checked by its
 * shared function (see `CheckContext.compact`). Users has 71, Clerk 4,302, Plaid 11,873, Stripe
 * 18,543, GitHub 49,316.
 */
export const COMPACT_FROM_NODES = 10_000;

/** Local names of the function being emitted: `p0`, `p1`, ... counted per function, so equal checks print equally. */
class Scope {
  private counter = 0;
  local(prefix: string): Code {
    return id(`${prefix}${this.counter++}`);
  }
}

export class CheckContext {
  /** Module-level declarations (constants, shared check functions), in order of first use. */
  readonly declarations: Code[] = [];
  /** Each pattern's constant, or null when it is left unchecked (warned once). */
  private readonly patterns = new Map<string, { name: Code; linear: boolean } | null>();
  private readonly sharedConstants = new Map<string, Code>();
  private readonly sharedFunctions = new Map<string, Code>();
  private counter = 0;
  private functionCount = 0;
  private scope = new Scope();

  /** unevaluated* evaluators by schema and variant (`null`: evaluates nothing); see unevaluated.ts. */
  readonly evaluators = new Map<Schema, Map<string, Code | null>>();
  evaluatorCount = 0;

  /** Components being inlined right now, innermost last. */
  readonly inlining: string[] = [];

  /** `"dates": true`: a valid `Date` passes where a `date-time` string goes. */
  dates = false;

  constructor(
    /** Whether the file is TypeScript (annotations) or JavaScript. */
    readonly typed: boolean,
    readonly checkOf: (component: string) => Code,
    readonly schemaOf: (component: string) => Schema,
    /** How many places of the spec refer to each component (see `inlines`). */
    readonly references: ReadonlyMap<string, number> = new Map(),
    /**
     * No check written in place of a call: on a large spec, what in-place checks buy (about a fifth
     * of an invalid value's check time on Users) is small beside what they cost every consumer's
     * tsc, which parses and binds each copy (GitHub's validators.ts: 1.65 to 0.84 million tokens,
     * its whole output's tsc about 7.5 to 6.1 s), and the shared form still checks GitHub's schemas
     * two to three times as fast as ajv (`bench/validators.mjs`).
     */
    readonly compact = false,
  ) {}

  /** `: type` in TypeScript, nothing in JavaScript. */
  ann(type: Code): Code {
    return this.typed ? code`: ${type}` : code``;
  }

  /**
   * Small, non-recursive components are checked inline (static paths, no call); recursive or large
   * ones through their check function.
   */
  inlines(component: string): boolean {
    if (this.compact) return false;
    // A component many schemas use is checked by its function: inlined at every use, components were
    // a fifth of a large spec's validators (GitHub's `simple-user`, hundreds of times), which every
    // consumer's tsc parses. One used in a few places still inlines, for speed (Users' request body,
    // used twice: called instead, its invalid inputs were checked about 20% slower).
    if ((this.references.get(component) ?? 0) > INLINE_MAX_REFERENCES) return false;
    // Depth 2 and 30 nodes bound the growth: a shared component inlined everywhere stays small.
    if (this.inlining.includes(component) || this.inlining.length >= 3) return false;
    let small = this.smallAndFlat.get(component);
    if (small === undefined) {
      small = size(this.schemaOf(component), 0) <= 30 && !this.loops.onLoop(component);
      this.smallAndFlat.set(component, small);
    }
    return small;
  }

  /** Per component: small enough to inline and not recursive (asked at every reference to it). */
  private readonly smallAndFlat = new Map<string, boolean>();
  private readonly loops = new RefLoops((component) => this.schemaOf(component));

  private readonly memo = new Map<Schema | undefined, Map<string, Code>>();

  /** `emit()` for `schema` and `variant`, once: emitting a large spec visits shared schemas many times. */
  memoized(schema: Schema | undefined, variant: string, emit: () => Code): Code {
    let bySchema = this.memo.get(schema);
    if (!bySchema) this.memo.set(schema, (bySchema = new Map()));
    let found = bySchema.get(variant);
    if (found === undefined) bySchema.set(variant, (found = emit()));
    return found;
  }

  /** A fresh local name in the function being emitted. */
  local(prefix: string): Code {
    return this.scope.local(prefix);
  }

  /** Emits a function body with its own local names. */
  inFunction<T>(emit: () => T): T {
    const outer = this.scope;
    this.scope = new Scope();
    try {
      return emit();
    } finally {
      this.scope = outer;
    }
  }

  /**
   * A module-level function `(params) => body`, declared once for every equal body: the same check
   * at many places (Stripe repeats `string, maxLength 5000` thousands of times) is one function.
   * `declare` gets the name and returns the whole declaration.
   */
  sharedFunction(prefix: string, body: Code, declare: (name: Code) => Code): Code {
    const key = `${prefix}\u0000${body.text}`;
    let name = this.sharedFunctions.get(key);
    if (name === undefined) {
      name = id(`${prefix}$${this.functionCount++}`);
      this.sharedFunctions.set(key, name);
      this.declarations.push(declare(name));
    }
    return name;
  }

  /** The failure constants by keyword and message; declared only where read (see `failureDeclarations`). */
  private readonly failures = new Map<string, { name: Code; declaration: Code }>();

  /**
   * The module constant `{ code, message }` an issue of this keyword and message is recorded with. A
   * check may be built and then left out (a branch that checks nothing), so the constant is only
   * named here and declared by `failureDeclarations` if the emitted code reads it.
   */
  failure(keyword: string, message: string): Code {
    const key = `${keyword}\u0000${message}`;
    let found = this.failures.get(key);
    if (found === undefined) {
      const name = id(`F${this.failures.size}`);
      const init = code`{ code: ${keyword}, message: ${message} }`;
      found = { name, declaration: code`const ${name}${this.typed ? code`: Failure` : code``} = ${init};` };
      this.failures.set(key, found);
    }
    return found.name;
  }

  /** The declarations of the failure constants `text` (the emitted checks) reads, in order of naming. */
  failureDeclarations(text: string): Code[] {
    const read = new Set(text.match(/\bF\d+\b/g));
    return [...this.failures.values()].filter((f) => read.has(f.name.text)).map((f) => f.declaration);
  }

  /** A module-level constant for `init`, declared once however often it is asked for. */
  shared(init: Code, prefix: string, type?: Code): Code {
    const key = `${type?.text ?? ""}=${init.text}`;
    let name = this.sharedConstants.get(key);
    if (name === undefined) this.sharedConstants.set(key, (name = this.constant(prefix, init, type)));
    return name;
  }

  /**
   * A module-level constant. `type` annotates it where inference would be wrong (`[]` is an implicit
   * `any[]`). Marked pure, so a bundler drops it with the last check that reads it.
   */
  constant(prefix: string, init: Code, type?: Code): Code {
    const name = id(`${prefix}${this.counter++}`);
    this.declarations.push(code`const ${name}${type ? this.ann(type) : code``} = ${pure(init)};`);
    return name;
  }

  /**
   * The expression testing string `v` against `pattern`, as the model planned it (model/patterns.ts),
   * or undefined when the pattern is left unchecked (the model warned about it, and about a pattern
   * that runs on the linear-time matcher).
   */
  regexTest(pattern: string, v: Code): Code | undefined {
    let found = this.patterns.get(pattern);
    if (found === null) return undefined;
    if (found === undefined) {
      const plan = planPattern(pattern);
      if (plan.kind === "unsupported") {
        this.patterns.set(pattern, null);
        return undefined;
      }
      found =
        plan.kind === "native"
          ? { name: this.constant("R", code`new RegExp(${plan.source}, ${plan.flags})`), linear: false }
          : {
              name: this.constant("L", linearPattern(plan.nfa), this.typed ? code`LinearPattern` : undefined),
              linear: true,
            };
      this.patterns.set(pattern, found);
    }
    return found.linear ? code`linearTest(${found.name}, ${v})` : code`${found.name}.test(${v})`;
  }
}

/** `/* @__PURE__ *\/` before a call or `new`, so bundlers may drop the constant when nothing reads it. */
export function pure(init: Code): Code {
  return /^(new )?[\w$.]+\(/.test(init.text) ? code`/* @__PURE__ */ ${init}` : init;
}

function linearPattern(nfa: CompiledPattern): Code {
  const classes = nfa.classes.map((raw) => code`new RegExp(${raw}, "uy")`);
  return code`{ states: ${json(nfa.states)}, classes: [${join(classes, ", ")}], start: ${nfa.start}, floating: ${nfa.floating} }`;
}

/** Node count of a schema, refs counting one (capped walk). */
function size(schema: Schema, depth: number): number {
  if (depth > 8) return Infinity;
  return 1 + schemaChildren(schema).reduce((n, c) => n + (c.ref !== undefined ? 1 : size(c, depth + 1)), 0);
}

/**
 * Which components are on a loop of refs (reach themselves), found with Tarjan's strongly connected
 * components (model/recursion.ts) over the components reachable from the one asked about, each
 * visited once in all (asking `reaches(c, c)` for every component walked Stripe's graph once per
 * component).
 */
class RefLoops {
  private readonly found = new Map<string, boolean>();

  constructor(private readonly schemaOf: (component: string) => Schema) {}

  onLoop(component: string): boolean {
    if (!this.found.has(component)) markLoops([component], (c) => this.refsOf(c), this.found);
    return this.found.get(component)!;
  }

  /** The components a component's schema refers to directly (refs are not followed). */
  private refsOf(component: string): string[] {
    const refs: string[] = [];
    const stack = [this.schemaOf(component)];
    while (stack.length > 0) {
      const s = stack.pop()!;
      for (const c of [s, ...schemaChildren(s)]) {
        if (c.ref !== undefined) refs.push(c.ref);
        else if (c !== s) stack.push(c);
      }
    }
    return refs;
  }
}

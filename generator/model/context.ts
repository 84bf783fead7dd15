import { type SourceLocation, UserError } from "../errors.js";
import { pointerSegments } from "../load/source.js";
import { QUIET_FORMATS, STRING_FORMATS } from "./formats.js";
import { planPattern } from "./patterns.js";

/** The first three of a message's items, then how many more. */
function firstThree<T>(items: T[], show: (item: T) => string): string {
  const shown = items.slice(0, 3).map(show);
  if (items.length > 3) shown.push(`and ${items.length - 3} more`);
  return shown.join(", ");
}

/** A string as a JSON literal, for messages. */
function quoted(text: string): string {
  return JSON.stringify(text);
}

/** What model builders share: the bundled document and a way to point at places in it. */
export interface ModelWarning {
  message: string;
  pointer: string;
}

export class ModelContext {
  /** Non-component refs being inlined right now (cycle guard). */
  readonly inlining = new Set<string>();
  /** What the generated code will not do as the spec says, in spec order: each a located warning. */
  readonly warnings: ModelWarning[] = [];
  private readonly warned = new Set<string>();

  /**
   * Whether patterns are planned for the validators (the costly ReDoS analysis). Off for models no
   * validator is emitted from (`specforge diff`).
   */
  planPatterns = true;

  /** Plans `pattern` (model/patterns.ts) and warns, once per pattern, when it will not run as RegExp. */
  notePattern(pattern: string, pointer: string): void {
    if (!this.planPatterns || this.warned.has(`pattern:${pattern}`)) return;
    this.warned.add(`pattern:${pattern}`);
    const plan = planPattern(pattern);
    if (plan.kind === "unsupported")
      this.warnings.push({
        message: `pattern ${quoted(pattern)} ${plan.why}: it is not checked by the validators`,
        pointer,
      });
    else if (plan.kind === "linear")
      this.warnings.push({
        message: `pattern ${quoted(pattern)}: ${plan.why}; the validators run it on a linear-time matcher instead of RegExp`,
        pointer,
      });
  }

  /** Warns once per place: a schema built again where it is reached again says the same thing. */
  warnAt(pointer: string, message: string): void {
    if (this.warned.has(`at:${pointer}`)) return;
    this.warned.add(`at:${pointer}`);
    this.warnings.push({ message, pointer });
  }

  /** Warns, once per format, about a string format the validators do not know. */
  noteFormat(format: string, pointer: string): void {
    if (STRING_FORMATS.has(format) || QUIET_FORMATS.has(format) || format === "int32") return;
    if (this.warned.has(`format:${format}`)) return;
    this.warned.add(`format:${format}`);
    this.warnings.push({
      message: `format "${format}" is not checked by the validators (unknown format); register a check at run time with setFormatCheck(${quoted(format)}, check)`,
      pointer,
    });
  }

  /**
   * Warns where a schema's keywords imply a type its `type` does not say: the TypeScript type is that
   * type, the validator (as JSON Schema says) lets every other type through.
   */
  noteImplied(type: string, pointer: string): void {
    this.warnings.push({
      message: `schema has ${type} keywords but no \`type\`: it is typed as an ${type}, while its validator, as JSON Schema says, accepts values of every other type; add \`type: ${type}\``,
      pointer,
    });
  }

  /**
   * Warns where `enum` lists values `type` excludes (mercedes-benz.com's `type: object` with string
   * values): the validator, as JSON Schema says, rejects them, while the types offer them.
   */
  noteEnumOutsideType(values: unknown[], types: string[], pointer: string): void {
    const shown = firstThree(values, (v) => JSON.stringify(v) ?? String(v));
    const [noun, verb, them] = values.length > 1 ? ["values", "are", "them"] : ["value", "is", "it"];
    this.warnings.push({
      message: `enum ${noun} ${shown} ${verb} not of the schema's type (${types.join(", ")}): the validator rejects ${them} while the types offer ${them}; fix the type or the enum`,
      pointer,
    });
  }

  /**
   * Warns where a discriminator's mapping points outside the document's component schemas
   * (digitalocean.com on APIs.guru maps to files that were never bundled): those entries cannot select
   * a schema, so a value with such a tag is checked against the alternatives, as oneOf/anyOf say.
   */
  noteUnmappedTargets(entries: [value: string, target: string][], pointer: string): void {
    const shown = firstThree(entries, ([value, target]) => `${quoted(value)} -> ${quoted(target)}`);
    const [noun, verb, them] = entries.length > 1 ? ["entries", "point", "they are"] : ["entry", "points", "it is"];
    this.warnings.push({
      message: `discriminator mapping ${noun} ${shown} ${verb} at no component schema of this document: ${them} ignored, and a value with such a tag is checked against the alternatives as oneOf/anyOf say; point the mapping at \`#/components/schemas/...\``,
      pointer,
    });
  }

  /** Warns about a keyword the validators do not enforce, at its place. */
  noteUnenforced(keyword: string, pointer: string): void {
    this.warnings.push({
      message: `${keyword} is not enforced by the validators: values it would reject pass; check them on the server or with your own code`,
      pointer,
    });
  }

  constructor(
    readonly doc: Record<string, unknown>,
    readonly version: string,
    readonly locate: (pointer: string) => SourceLocation,
  ) {}

  /** The value a local `#/...` ref names; a located error if it names nothing. */
  resolvePointer(ref: string, from: string): unknown {
    let node: unknown = this.doc;
    for (const segment of pointerSegments(ref)) {
      if (node === null || typeof node !== "object" || !Object.hasOwn(node, segment)) {
        throw new UserError(`\`$ref\` "${ref}" points at nothing`, this.locate(from));
      }
      node = (node as Record<string, unknown>)[segment];
    }
    return node;
  }

  /** Follows `$ref`s of non-schema objects (parameters, responses, bodies) to the object itself. */
  deref<T = Record<string, unknown>>(value: unknown, pointer: string): { value: T; pointer: string } {
    let current = value;
    let at = pointer;
    const seen = new Set<string>();
    while (current && typeof current === "object" && typeof (current as { $ref?: unknown }).$ref === "string") {
      const ref = (current as { $ref: string }).$ref;
      if (seen.has(ref)) throw new UserError(`\`$ref\` "${ref}" refers to itself`, this.locate(at));
      seen.add(ref);
      current = this.resolvePointer(ref, at);
      at = ref.slice(1);
    }
    return { value: current as T, pointer: at };
  }

  hasComponent(name: string): boolean {
    const schemas = (this.doc.components as { schemas?: Record<string, unknown> } | undefined)?.schemas;
    return !!schemas && Object.hasOwn(schemas, name);
  }
}

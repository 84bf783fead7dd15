import { type SourceLocation, UserError } from "../errors.js";
import { pointerSegments } from "../load/source.js";

/** What model builders share: the bundled document and a way to point at places in it. */
export class ModelContext {
  /** Non-component refs being inlined right now (cycle guard). */
  readonly inlining = new Set<string>();

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

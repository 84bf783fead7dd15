// Finds every `$ref` in a source and decides, before anything is read or fetched, whether it may be
// followed: internal refs must point at something, remote refs and refs leaving the spec's folder are
// refused unless the caller allowed them.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { UserError } from "../errors.js";
import { isInside } from "../paths.js";
import { type ParsedSource, pointerSegments, toPointer } from "./source.js";

export interface RefPolicy {
  /** The folder refs must stay inside (the root spec's folder). */
  root: string;
  allowRemoteRefs: boolean;
  allowOutsideRefs: boolean;
}

/** Where a `$ref` leads once checked: the same source, a local file, or a URL. */
export type RefTarget =
  | { kind: "internal"; pointer: string }
  | { kind: "file"; file: string; pointer: string }
  | { kind: "url"; url: string; pointer: string };

export interface FoundRef {
  /** JSON pointer of the object holding the `$ref`. */
  at: string;
  target: RefTarget;
}

/** Keys whose values are JSON data wherever they appear in an OpenAPI document (`default` and `examples` are not: responses and media types use them for objects that may be refs). */
const DATA_KEYWORDS = new Set(["enum", "const", "example"]);

/**
 * Maps whose keys are names chosen by the author: a key starting with `x-` there is a name, not an
 * extension, and neither is one called `xml` a schema's XML Object.
 */
export const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "dependentSchemas",
  "definitions",
  "$defs",
  "schemas",
  "parameters",
  "responses",
  "requestBodies",
  "headers",
  "examples",
  "securitySchemes",
  "securityDefinitions",
  "links",
  "callbacks",
  "pathItems",
  "content",
  "encoding",
  "mapping",
  "webhooks",
]);

/**
 * Whether the member `key` of an object (itself the member `ownKey` of its parent) may hold `$ref`s
 * that are followed: not JSON data (`enum`, `const`, `example`), and not an extension. Nothing under
 * an `x-` key is resolved (an extension's `$ref` may name a file that is not there, such as a Markdown
 * page), except in a map whose keys are names: a property or a header called `x-request-id`.
 */
export function isFollowed(key: string, ownKey: string | number): boolean {
  if (DATA_KEYWORDS.has(key)) return false;
  return !key.startsWith("x-") || NAME_MAPS.has(String(ownKey));
}

/** Every `$ref` in `value`, in document order, iteratively (no recursion on deep documents). */
export function findRefs(value: unknown): { at: string; ref: unknown }[] {
  // Each frame links to its parent instead of copying the path, so the walk stays linear in depth.
  interface Frame {
    node: unknown;
    key: string | number;
    parent: Frame | undefined;
  }
  const pathOf = (frame: Frame | undefined): (string | number)[] => {
    const segments: (string | number)[] = [];
    for (let f = frame; f?.parent !== undefined; f = f.parent) segments.push(f.key);
    return segments.reverse();
  };
  const found: { at: string; ref: unknown }[] = [];
  const seen = new Set<object>();
  const stack: Frame[] = [{ node: value, key: "", parent: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { node } = frame;
    if (node === null || typeof node !== "object" || seen.has(node)) continue;
    seen.add(node);
    const children: Frame[] = [];
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        children.push({ node: item, key: i, parent: frame });
      });
    } else {
      for (const [key, child] of Object.entries(node)) {
        // Values, not schemas: a `$ref` key inside an enum, a const or an example is data; and
        // extensions are not followed.
        if (!isFollowed(key, frame.key)) continue;
        if (key === "$ref" && (typeof child === "string" || typeof child !== "object")) {
          found.push({ at: toPointer(pathOf(frame)), ref: child });
        } else {
          children.push({ node: child, key, parent: frame });
        }
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return found;
}

/** Classifies one `$ref` of `source` (whose own address is `base`: a file path or URL). */
export function classifyRef(
  source: ParsedSource,
  base: string,
  at: string,
  ref: unknown,
  policy: RefPolicy,
): RefTarget {
  // Located only for an error: locating in a JSON source parses it again for positions.
  const place = () => source.locate(at + "/$ref");
  if (typeof ref !== "string" || ref === "") {
    throw new UserError("`$ref` must be a non-empty string", place());
  }
  const hash = ref.indexOf("#");
  const written = hash === -1 ? ref : ref.slice(0, hash);
  const pointer = hash === -1 ? "" : ref.slice(hash + 1);
  const address = written === "" ? "" : againstSelf(source, base, written);
  if (pointer !== "" && !pointer.startsWith("/")) {
    throw new UserError(
      `\`$ref\` "${ref}" has a fragment that is not a JSON pointer (it must start with "#/")`,
      place(),
    );
  }
  if (address === "") return { kind: "internal", pointer };

  const baseIsUrl = /^https?:\/\//i.test(base);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(address)?.[1]?.toLowerCase();
  if (scheme === "http" || scheme === "https" || (scheme === undefined && baseIsUrl)) {
    const url = new URL(address, baseIsUrl ? base : undefined).href;
    if (!policy.allowRemoteRefs) {
      throw new UserError(
        `remote \`$ref\` "${ref}" refused: specforge does not fetch over the network unless you pass --allow-remote-refs`,
        place(),
      );
    }
    return { kind: "url", url, pointer };
  }
  if (baseIsUrl) {
    throw new UserError(`\`$ref\` "${ref}" in a remote document may not point at a local file`, place());
  }
  if (scheme !== undefined && scheme !== "file" && !/^[a-z]$/i.test(scheme)) {
    throw new UserError(
      `\`$ref\` "${ref}" uses the unsupported scheme "${scheme}:"; use a relative file path`,
      place(),
    );
  }
  let file: string;
  try {
    file = scheme === "file" ? fileURLToPath(address) : path.resolve(path.dirname(base), decodeURIComponent(address));
  } catch {
    throw new UserError(`\`$ref\` "${ref}" is not a valid file reference`, place());
  }
  if (!policy.allowOutsideRefs && !isInside(policy.root, file)) {
    throw new UserError(
      `\`$ref\` "${ref}" points outside the spec's folder and was not read: ` +
        "move the file next to the spec, or pass --allow-outside-refs if you trust it",
      place(),
    );
  }
  return { kind: "file", file, pointer };
}

/**
 * A ref's address as OpenAPI 3.2 reads it: relative to the document's `$self` (its own URI), where it
 * has one. A relative `$self` places the document (`$self: api/openapi.yaml`: its refs resolve in
 * `api/`); an absolute one names it, so a ref into the same folder of that URI (`common.yaml`, or
 * `https://example.com/specs/common.yaml` under `$self: https://example.com/specs/openapi.yaml`) is
 * the file beside this one, and only a ref elsewhere is remote. Without `$self`, the address as written.
 */
function againstSelf(source: ParsedSource, base: string, address: string): string {
  const doc = source.value as { openapi?: unknown; $self?: unknown } | null;
  if (typeof doc?.$self !== "string" || typeof doc.openapi !== "string" || !doc.openapi.startsWith("3.2"))
    return address;
  const here = /^https?:\/\//i.test(base) ? base : pathToFileURL(base).href;
  let self: URL;
  let target: URL;
  try {
    self = new URL(doc.$self, here);
    target = new URL(address, self);
  } catch {
    return address;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(doc.$self)) {
    // The document is at its own URI: what lies in that folder lies beside this file.
    const folder = new URL(".", self).href;
    return target.href.startsWith(folder) ? new URL(target.href.slice(folder.length), here).href : target.href;
  }
  return target.href;
}

/** Throws a located error when `pointer` names nothing in `target`. */
export function checkPointer(target: ParsedSource, pointer: string, ref: string, from: ParsedSource, at: string): void {
  let node: unknown = target.value;
  // The pointer is the ref's fragment: percent-encoded, as `#...` pointers are.
  for (const segment of pointerSegments(`#${pointer}`)) {
    if (node !== null && typeof node === "object" && Object.hasOwn(node, segment)) {
      node = (node as Record<string, unknown>)[segment];
    } else {
      throw new UserError(
        `\`$ref\` "${ref}" points at nothing: ${target === from ? "this document" : target.display} has no "${pointer}"`,
        from.locate(at + "/$ref"),
      );
    }
  }
}

/** Keys that say something about a schema without giving it any content. */
const ANNOTATIONS = new Set([
  "$ref",
  "description",
  "summary",
  "title",
  "$comment",
  "example",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
  "default",
  "externalDocs",
  "nullable",
]);

/**
 * Objects that are nothing but a `$ref` (and annotations), and where each leads. A loop of them
 * (`A: {$ref: A}`, or `A → B → A`) describes nothing: swagger-parser fails on it without saying where,
 * and a generator following it would never stop. Found while reading, reported located.
 */
export class RefAliases {
  private readonly next = new Map<string, { to: string; source: ParsedSource; at: string; ref: string }>();

  add(base: string, at: string, address: string, pointer: string, source: ParsedSource, ref: string): void {
    let node: unknown = source.value;
    for (const segment of pointerSegments(at)) node = (node as Record<string, unknown> | null)?.[segment];
    if (
      node === null ||
      typeof node !== "object" ||
      !Object.keys(node).every((k) => ANNOTATIONS.has(k) || k.startsWith("x-"))
    )
      return;
    this.next.set(`${base}#${at}`, { to: `${address}#${toPointer(pointerSegments(pointer))}`, source, at, ref });
  }

  checkLoops(): void {
    const done = new Set<string>();
    for (const start of this.next.keys()) {
      const path: string[] = [];
      const onPath = new Set<string>();
      let key: string | undefined = start;
      while (key !== undefined && !done.has(key)) {
        if (onPath.has(key)) {
          const loop = path.slice(path.indexOf(key));
          const first = this.next.get(loop[0]!)!;
          const names = [...loop, loop[0]!]
            .map((k) => this.next.get(k)!)
            .map((alias) => (alias.source === first.source ? "" : alias.source.display) + "#" + alias.at)
            .join(" → ");
          throw new UserError(
            `\`$ref\` "${first.ref}" is part of a loop of references with no schema in it (${names}): ` +
              "give one of them content (a type, properties) or point it elsewhere",
            first.source.locate(first.at + "/$ref"),
          );
        }
        path.push(key);
        onPath.add(key);
        key = this.next.get(key)?.to;
      }
      for (const k of path) done.add(k);
    }
  }
}

// Bundles a document written in several files into one whose `$ref`s are all internal, reading only
// the sources already read and checked (load/index.ts), and keeping where every part came from: the
// bundled document is located like a file, each pointer in the file (and at the line) it was written
// in, so the schema's findings, the lenient reading and the model's messages name the referenced
// file's own line, as they do for a single file.
//
// Each external target is written once, where it is first referenced, shallowest first and a plain
// `$ref` before one with sibling keywords; every other reference to it points there (`#/paths/...`).
// A target referenced only with siblings is written there with the siblings over it, as the common
// bundlers do. A target's own local `$ref`s are resolved in its own file, wherever it is written.
import type { Warning } from "../errors.js";
import { pointerSegments, toPointer } from "./pointer.js";
import { isFollowed } from "./refs.js";
import type { ParsedSource } from "./source.js";

/** A place in a source: the file's address (path or URL) and an RFC 6901 pointer (not percent-encoded). */
export interface Origin {
  address: string;
  pointer: string;
}

/** The key of a place, for maps: `address#pointer`. */
const placeKey = (o: Origin): string => `${o.address}#${o.pointer}`;

type Node = Record<string, unknown> | unknown[];

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null;

/**
 * The document of `rootFile` with every `$ref` made internal. `targets` gives each `$ref`'s target by
 * the object holding it (as parsed), as collected and checked while reading.
 */
export function bundleSources(
  rootFile: string,
  sources: Map<string, ParsedSource>,
  targets: WeakMap<object, Origin>,
  warnings: Warning[],
): ParsedSource {
  const root = sources.get(rootFile)!;
  /** Where each copied object came from, and the parsed object it copies. */
  const origins = new WeakMap<object, Origin>();
  const raws = new WeakMap<object, object>();
  /** Where each target was written in the bundle, by its place. */
  const homes = new Map<string, string>([[placeKey({ address: rootFile, pointer: "" }), ""]]);
  /** Bundled pointer -> the place its content was copied from (for locating). */
  const placed = new Map<string, Origin>([["", { address: rootFile, pointer: "" }]]);

  const copy = (value: unknown, from: Origin): unknown => {
    if (!isNode(value)) return value;
    const out: Record<string, unknown> = Array.isArray(value) ? ([] as never) : {};
    origins.set(out, from);
    raws.set(out, value);
    for (const [key, child] of Object.entries(value))
      out[key] = copy(child, { address: from.address, pointer: from.pointer + toPointer([key]) });
    return out;
  };

  const valueAt = (o: Origin): unknown => {
    let node: unknown = sources.get(o.address)?.value;
    for (const segment of pointerSegments(o.pointer))
      node = isNode(node) ? (node as Record<string, unknown>)[segment] : undefined;
    return node;
  };

  /** Where `o` is in the bundle: its own home, or inside the home of a place that contains it. */
  const homeOf = (o: Origin): string | undefined => {
    const segments = pointerSegments(o.pointer);
    for (let n = segments.length; n >= 0; n--) {
      const home = homes.get(placeKey({ address: o.address, pointer: toPointer(segments.slice(0, n)) }));
      if (home !== undefined) return home + toPointer(segments.slice(n));
    }
    return undefined;
  };

  const document = copy(root.value, { address: rootFile, pointer: "" }) as Record<string, unknown>;
  interface Site {
    parent: Node;
    key: string;
    pointer: string;
    /** The key of the object holding this one (names maps: `properties`, `schemas`, ...). */
    parentKey: string;
  }
  let queue: Site[] = [];
  const deferred: Site[] = [];
  const children = (node: Node, pointer: string, ownKey: string) => {
    for (const key of Object.keys(node)) {
      if (!isFollowed(key, ownKey)) continue;
      queue.push({ parent: node, key, pointer: pointer + toPointer([key]), parentKey: ownKey });
    }
  };
  children(document, "", "");

  const visit = (site: Site, late: boolean): void => {
    const { parent, key, pointer } = site;
    const node = (parent as Record<string, unknown>)[key];
    if (!isNode(node)) return;
    const ref = Array.isArray(node) ? undefined : node.$ref;
    if (typeof ref !== "string") {
      children(node, pointer, key);
      return;
    }
    const holder = origins.get(node);
    const raw = raws.get(node);
    const target = raw && targets.get(raw);
    if (target === undefined) {
      // Only the objects read are copied and only their refs collected: anything else is a bug here.
      throw new Error(`no target recorded for the \`$ref\` "${ref}" at ${pointer || "/"}`);
    }
    // `properties: { $ref: ... }` (DigitalOcean's shared attributes): JSON Schema reads a property
    // named "$ref", the author means the map of properties the ref names. Read as meant: the map is
    // written in place (a pointer there would still be a property named "$ref").
    const mapRef = isPropertiesRef(site);
    // A Path Item's `$ref` is written out at each path: each path's item is its own, so what is read
    // as meant for one path (its template's parameters) is not read into another.
    const own = mapRef || site.parentKey === "paths";
    if (mapRef && !late) {
      warnings.push({
        message: `\`properties\` is a \`$ref\` ("${ref}"), which JSON Schema reads as a property named "$ref": read as the properties it names; list them under \`properties\`, or \`$ref\` a whole schema from \`allOf\``,
        location: sources.get(holder!.address)!.locate(`${holder!.pointer}/$ref`),
      });
    }
    const home = own ? undefined : homeOf(target);
    const extended = Object.keys(node).some((k) => k !== "$ref");
    if (home !== undefined) {
      (node as Record<string, unknown>).$ref = `#${encodeFragment(home)}`;
      children(node, pointer, key);
      return;
    }
    if (extended && !late && !own) {
      deferred.push(site);
      return;
    }
    const inlined = copy(valueAt(target), target);
    let written: unknown = inlined;
    if (extended && isNode(inlined) && !Array.isArray(inlined)) {
      // Siblings over the target (the common bundlers' merge); each key keeps its own origin.
      const { $ref: _, ...siblings } = node as Record<string, unknown>;
      written = { ...inlined, ...siblings };
      origins.set(written as object, target);
      for (const k of Object.keys(siblings)) {
        const origin = { address: holder!.address, pointer: holder!.pointer + toPointer([k]) };
        placed.set(pointer + toPointer([k]), origin);
      }
    }
    (parent as Record<string, unknown>)[key] = written;
    if (!own) homes.set(placeKey(target), pointer);
    placed.set(pointer, target);
    // The target may itself be a `$ref` (an alias, in its own file): visit it again where it now is.
    visit(site, late || own);
  };

  // Breadth first, so a target is written at its shallowest plain reference.
  while (queue.length > 0 || deferred.length > 0) {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      for (const site of batch) visit(site, false);
    }
    if (deferred.length > 0) visit(deferred.shift()!, true);
  }

  return {
    display: root.display,
    value: document,
    locate(pointer: string) {
      const segments = pointerSegments(pointer);
      for (let n = segments.length; n >= 0; n--) {
        const origin = placed.get(toPointer(segments.slice(0, n)));
        if (origin === undefined) continue;
        const source = sources.get(origin.address)!;
        return source.locate(origin.pointer + toPointer(segments.slice(n)));
      }
      return root.locate(pointer);
    },
  };
}

/**
 * A schema's `properties` that is a `$ref`: the key is `properties` and the object holding it is not
 * itself a map of properties (where `properties` would be a property's name).
 */
export function isPropertiesRef(site: { key: string; parentKey: string }): boolean {
  return site.key === "properties" && site.parentKey !== "properties" && site.parentKey !== "patternProperties";
}

/** A pointer as a URI fragment: `%` escaped, so reading it back (percent-decoded) gives the same names. */
function encodeFragment(pointer: string): string {
  return pointer.replace(/%/g, "%25");
}

// Recursion between named schemas. A schema may contain itself inside a property (a tree) or an
// array item (nested lists); it may not contain itself in place, through `allOf`/`oneOf`/`anyOf`/
// `not` alone (`A: {oneOf: [{$ref: A}, ...]}`): no value could be checked against it, JSON Schema
// leaves such loops undefined, and TypeScript rejects the alias (`type A = A | string`).
import { type SourceLocation, UserError } from "../errors.js";
import type { NamedSchema, Schema } from "./types.js";

export interface SchemaEdge {
  to: string;
  /** `in-place`: the same value is checked again; `items`: an element of it is. */
  via: "in-place" | "items";
  /** The pointer of the referring schema, for messages. */
  pointer: string;
}

/** The references of `schema` to named schemas that are not inside an object's members. */
export function unguardedEdges(schema: Schema): SchemaEdge[] {
  const edges: SchemaEdge[] = [];
  const stack: { s: Schema; via: SchemaEdge["via"] }[] = [{ s: schema, via: "in-place" }];
  while (stack.length > 0) {
    const { s, via } = stack.pop()!;
    if (s.ref !== undefined) edges.push({ to: s.ref, via, pointer: s.pointer });
    for (const child of [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? []), ...(s.not ? [s.not] : [])])
      stack.push({ s: child, via });
    for (const child of [...(s.items ? [s.items] : []), ...(s.prefixItems ?? [])])
      stack.push({ s: child, via: "items" });
  }
  return edges;
}

/** A located error for the first schema (in document order) that contains itself in place. */
export function checkInPlaceRecursion(schemas: NamedSchema[], locate: (pointer: string) => SourceLocation): void {
  const inPlace = new Map(schemas.map((n) => [n.name, unguardedEdges(n.schema).filter((e) => e.via === "in-place")]));
  const done = new Set<string>();
  for (const start of schemas) {
    // Depth-first, iteratively, keeping the path of edges taken.
    const path: { name: string; edge?: SchemaEdge }[] = [{ name: start.name }];
    const next: number[] = [0];
    const onPath = new Set([start.name]);
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      const out = inPlace.get(top.name) ?? [];
      const i = next[next.length - 1]!;
      if (i >= out.length || done.has(top.name)) {
        done.add(top.name);
        onPath.delete(top.name);
        path.pop();
        next.pop();
        continue;
      }
      next[next.length - 1] = i + 1;
      const edge = out[i]!;
      if (onPath.has(edge.to)) {
        const loop = [...path.slice(path.findIndex((p) => p.name === edge.to) + 1).map((p) => p.edge!), edge];
        const names = [edge.to, ...loop.map((e) => e.to)].join(" → ");
        throw new UserError(
          `schema "${edge.to}" contains itself in place (${names}), through allOf/oneOf/anyOf/not without a property or ` +
            "an array item in between: no value can be checked against it (JSON Schema leaves such loops undefined); " +
            "put the reference inside a property or `items`, or remove it",
          locate(loop[0]!.pointer),
        );
      }
      if (!done.has(edge.to) && inPlace.has(edge.to)) {
        path.push({ name: edge.to, edge });
        next.push(0);
        onPath.add(edge.to);
      }
    }
  }
}

/**
 * Named schemas on a loop that goes through array items but never through an object's members
 * (`C: {type: array, items: {$ref: C}}`): TypeScript resolves such types lazily only behind an
 * interface, which the raw types need.
 */
export function arrayRecursive(schemas: NamedSchema[]): Set<string> {
  const graph = new Map(schemas.map((n) => [n.name, [...new Set(unguardedEdges(n.schema).map((e) => e.to))]]));
  const onLoop = new Map<string, boolean>();
  markLoops(graph.keys(), (v) => (graph.get(v) ?? []).filter((t) => graph.has(t)), onLoop);
  return new Set([...onLoop].filter(([, loop]) => loop).map(([name]) => name));
}

/**
 * Tarjan's strongly connected components, iteratively, over the nodes reachable from `starts`: sets
 * `onLoop` for each to whether it is on a loop (in a component of several, or an edge to itself).
 * Nodes already in `onLoop` (an earlier call) are finished and not entered again.
 */
export function markLoops(
  starts: Iterable<string>,
  edges: (node: string) => readonly string[],
  onLoop: Map<string, boolean>,
): void {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const work: { v: string; targets: readonly string[]; i: number }[] = [];
  const open = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    work.push({ v, targets: edges(v), i: 0 });
  };
  for (const root of starts) {
    if (index.has(root) || onLoop.has(root)) continue;
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.i < frame.targets.length) {
        const w = frame.targets[frame.i++]!;
        if (onLoop.has(w)) continue;
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(frame.v, Math.min(low.get(frame.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(frame.v)!));
      if (low.get(frame.v) === index.get(frame.v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.v);
        const loop = component.length > 1 || frame.targets.includes(frame.v);
        for (const c of component) onLoop.set(c, loop);
      }
    }
  }
}

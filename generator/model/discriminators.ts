// Discriminator tags: the values a discriminator's explicit mapping gives each component schema it
// selects. A schema so selected (an alternative in the discriminator's `oneOf`/`anyOf`, or a schema
// extending the base through `allOf: [{$ref: Pet}]`) carries its tag in its type (`petType: "cat"`,
// so unions narrow) and its validator checks it (so a value typed `Cat` never has another tag).
// Implicit values (the schema's own name, when no mapping entry names it) are not held to: real
// specs often leave the mapping out while their data says `"artist"`, not `"ArtistObject"`.
import { schemaChildren } from "./schema.js";
import type { NamedSchema, Operation, Schema } from "./types.js";

export function assignTags(schemas: NamedSchema[], operations: Operation[]): void {
  const byName = new Map(schemas.map((n) => [n.name, n]));
  const tags = new Map<string, Map<string, Set<string>>>();
  const add = (component: string, propertyName: string, value: string) => {
    if (!byName.has(component)) return;
    let forSchema = tags.get(component);
    if (!forSchema) tags.set(component, (forSchema = new Map()));
    let values = forSchema.get(propertyName);
    if (!values) forSchema.set(propertyName, (values = new Set()));
    values.add(value);
  };
  /** The values `base`'s discriminator maps to `component` explicitly. */
  const valuesFor = (base: Schema, component: string) =>
    base.discriminator!.explicit.filter((m) => m.schema === component).map((m) => m.value);

  const roots: Schema[] = [
    ...schemas.map((n) => n.schema),
    ...operations.flatMap((op) => [
      ...op.parameters.map((p) => p.schema),
      ...(op.body?.contents ?? []).map((c) => c.schema),
      ...op.responses.flatMap((r) => r.contents.map((c) => c.schema)),
    ]),
  ];
  const seen = new Set<Schema>();
  const stack = [...roots];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    if (s.discriminator) {
      for (const alt of [...(s.oneOf ?? []), ...(s.anyOf ?? [])]) {
        if (alt.ref !== undefined) for (const v of valuesFor(s, alt.ref)) add(alt.ref, s.discriminator.propertyName, v);
      }
    }
    stack.push(...schemaChildren(s));
  }
  // Schemas extending a base with a discriminator (and no alternatives of its own) through allOf.
  for (const named of schemas) {
    for (const part of named.schema.allOf ?? []) {
      const base = part.ref !== undefined ? byName.get(part.ref)?.schema : undefined;
      if (!base?.discriminator || base.oneOf || base.anyOf || part.ref === named.name) continue;
      for (const v of valuesFor(base, named.name)) add(named.name, base.discriminator.propertyName, v);
    }
  }
  for (const named of schemas) {
    const forSchema = tags.get(named.name);
    if (forSchema)
      named.schema.tags = [...forSchema].map(([propertyName, values]) => ({ propertyName, values: [...values] }));
  }
}

// Checks that a parsed file is a Swagger 2.0 or OpenAPI 3.0/3.1/3.2 document and that it follows its schema,
// turning the schema validator's findings into located, readable messages.
import { formatLocation, UserError, type Warning } from "../errors.js";
import { toPointer } from "./pointer.js";
import { NAME_MAPS } from "./refs.js";
import { type SchemaProblem, schemaProblems } from "./schema-validators.js";
import type { ParsedSource } from "./source.js";
import { isJsonSchema2020, LATEST_PATCH } from "./versions.js";

const SUPPORTED = /^3\.[012]\.\d+$/;

/** `openapi: "3.0"`, `"3.1"` (or unquoted `3.0`, `3.1`, which YAML reads as the numbers 3 and 3.1): a version without its patch. */
const WITHOUT_PATCH = /^3(?:\.[012])?$/;

/**
 * Returns the document's version (`2.0` for Swagger), or throws a located error saying what it is
 * instead. A version whose intent is plain but whose letter is wrong (`swagger: 2.0` unquoted, which
 * YAML reads as the number 2; `openapi: "3.1"` without its patch) is read as meant, with a located
 * warning in `warnings` naming the fix (an error under --strict): every common generator reads them.
 */
export function checkOpenApiShape(source: ParsedSource, warnings: Warning[] = []): string {
  const top = { file: source.display, line: 1, col: 1 };
  const value = source.value;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const kind = value === null ? "null" : Array.isArray(value) ? "a list" : `a ${typeof value}`;
    throw new UserError(
      `not an OpenAPI document: the top level is ${kind}, expected a mapping with \`openapi: 3.x.y\``,
      top,
    );
  }
  const doc = value as Record<string, unknown>;
  if ("swagger" in doc) {
    // Swagger 2.0 is validated as it is (so findings point into the file), then converted (load/convert.ts).
    if (doc.swagger === 2 || doc.swagger === "2") {
      warnings.push({
        message: `\`swagger: ${String(doc.swagger)}\` is read as Swagger "2.0": write the version as a quoted string, \`swagger: "2.0"\` (YAML reads 2.0 unquoted as the number 2)`,
        location: source.locate("/swagger"),
      });
      doc.swagger = "2.0";
    }
    if (doc.swagger !== "2.0") {
      throw new UserError(
        `\`swagger: ${JSON.stringify(doc.swagger)}\` is not supported: specforge reads Swagger "2.0" (quoted) and OpenAPI 3.0.x/3.1.x/3.2.x`,
        source.locate("/swagger"),
      );
    }
    return "2.0";
  }
  if (!("openapi" in doc)) {
    throw new UserError(
      "not an OpenAPI document: there is no `openapi` field at the top level (expected e.g. `openapi: 3.0.3`)",
      top,
    );
  }
  const raw = doc.openapi;
  const text = typeof raw === "number" ? (Number.isInteger(raw) ? `${raw}.0` : String(raw)) : raw;
  if (typeof text === "string" && WITHOUT_PATCH.test(text)) {
    const minor = text === "3.1" || text === "3.2" ? text : "3.0";
    warnings.push({
      message: `\`openapi: ${typeof raw === "string" ? JSON.stringify(raw) : String(raw)}\` has no patch version: read as OpenAPI ${minor}.0; write the full version as a quoted string, e.g. \`openapi: "${LATEST_PATCH[minor]}"\``,
      location: source.locate("/openapi"),
    });
    doc.openapi = `${minor}.0`;
  }
  const version = doc.openapi;
  if (typeof version !== "string") {
    throw new UserError(
      `\`openapi\` must be a string: write it quoted, e.g. \`openapi: "3.0.3"\``,
      source.locate("/openapi"),
    );
  }
  if (!SUPPORTED.test(version)) {
    throw new UserError(
      `OpenAPI ${version} is not supported: specforge reads 3.0.x, 3.1.x and 3.2.x`,
      source.locate("/openapi"),
    );
  }
  return version;
}

const SUMMARY_KEYWORDS = new Set(["oneOf", "anyOf", "allOf", "if", "then", "else", "not", "$ref"]);

/**
 * Findings that cannot change the generated code: document metadata (`info`, `tags`, `externalDocs`),
 * a schema's XML Object, and a missing `paths` (a document of schemas only). They become warnings; anything else is an error.
 */
function isHarmless(p: SchemaProblem): boolean {
  if (/^\/(info|tags|externalDocs)(\/|$)/.test(p.instancePath)) return true;
  if (isMissingInfo(p) || isResponseWithoutDescription(p)) return true;
  if (inXmlObject(p.instancePath)) return true;
  // A field the OpenAPI schema does not define (a typo, an `operationId` in a Response, a 3.1 keyword
  // in a 3.0 schema) is read as the letter says: not at all, or as 3.1 reads it, with a warning.
  if (unknownField(p) !== undefined) return true;
  if (isComponentName(p) || isBooleanRequired(p) || isPatternNotString(p)) return true;
  return p.instancePath === "" && p.keyword === "required" && p.params.missingProperty === "paths";
}

/**
 * A finding inside a schema's XML Object (opensuse.org's `xml: { example: ... }`): specforge never
 * reads `xml`. A segment `xml` names the XML Object unless it is a name (a property, a component).
 */
function inXmlObject(instancePath: string): boolean {
  const segments = instancePath.split("/");
  return segments.some((segment, i) => segment === "xml" && i > 0 && !NAME_MAPS.has(segments[i - 1]!));
}

/**
 * `isHarmless` over a document's findings, where a schema that fails only for a harmless finding
 * inside it is harmless too: its place is a `Schema | Reference` choice, so the finding comes with
 * "missing $ref" and "matches none of the allowed forms" at the schema and at each choice around it.
 */
function harmlessAmong(details: SchemaProblem[]): (p: SchemaProblem) => boolean {
  const causes = details.filter((d) => !isSummary(d));
  return (p) => {
    if (isHarmless(p)) return true;
    if (!isSummary(p)) return false;
    // Causes at the schema's own place (a Response's missing `description`, beside its missing `$ref`) or inside it.
    const inside = causes.filter(
      (d) => d.instancePath === p.instancePath || d.instancePath.startsWith(`${p.instancePath}/`),
    );
    return inside.length > 0 && inside.every(isHarmless);
  };
}

/** A finding that sums up others (a failed alternative, a Reference's missing `$ref`), not a cause. */
function isSummary(p: SchemaProblem): boolean {
  return SUMMARY_KEYWORDS.has(p.keyword) || (p.keyword === "required" && p.params.missingProperty === "$ref");
}

/** No `info` at the root: only the generated files' headers would read it. */
function isMissingInfo(p: SchemaProblem): boolean {
  return p.instancePath === "" && p.keyword === "required" && p.params.missingProperty === "info";
}

/** A Response without `description`: documentation only (JSDoc), which the generated code can do without. */
function isResponseWithoutDescription(p: SchemaProblem): boolean {
  return (
    p.keyword === "required" &&
    p.params.missingProperty === "description" &&
    /^\/(?:paths\/[^/]+\/[^/]+|components|webhooks\/[^/]+\/[^/]+)\/responses\/[^/]+$/.test(p.instancePath)
  );
}

function isUnknownRootField(p: SchemaProblem): boolean {
  return p.instancePath === "" && p.keyword === "additionalProperties";
}

/** The name of a field the schema does not define where it is written (3.0's closed objects, 3.1's unevaluated ones). */
function unknownField(p: SchemaProblem): string | undefined {
  if (p.keyword === "additionalProperties" && !isComponentName(p)) return String(p.params.additionalProperty);
  if (p.keyword === "unevaluatedProperties") return String(p.params.unevaluatedProperty);
  return undefined;
}

/**
 * OpenAPI 3.2's serialisation rules, which its schema states as fields left unevaluated: `allowReserved`
 * only where values are percent-encoded (not in headers, nor in cookies but `style: form`), `style` and
 * `explode` only beside `schema`, not `content`. A Parameter's or Header's field that breaks them says
 * how values are sent, so it is refused where it stands, never read past as an unknown field.
 */
function isSerialisationBreach(p: SchemaProblem): boolean {
  return (
    p.keyword === "unevaluatedProperties" &&
    ["allowReserved", "style", "explode"].includes(String(p.params.unevaluatedProperty)) &&
    /\/(parameters|headers)\/[^/]+$/.test(p.instancePath)
  );
}

const COMPONENT_MAP = /^\/components\/[^/]+$/;

/**
 * A component named outside `^[a-zA-Z0-9._-]+$` (`My Schema`, `Foo<Bar>`): the name only has to be
 * an identifier in the output, which specforge makes of any name. 3.0's schema says so with
 * `additionalProperties` at the map, 3.1's with `propertyNames`.
 */
function isComponentName(p: SchemaProblem): boolean {
  if (!COMPONENT_MAP.test(p.instancePath)) return false;
  return (
    p.keyword === "additionalProperties" ||
    p.keyword === "propertyNames" ||
    (p.keyword === "pattern" && p.params.pattern === "^[a-zA-Z0-9._-]+$")
  );
}

/**
 * `required: true` (or `false`) on a property instead of in its object's `required` list, as many
 * hand-written documents say it: the model reads it so, and warns (model/schema.ts), in every version.
 */
function isBooleanRequired(p: SchemaProblem): boolean {
  return p.keyword === "type" && p.params.type === "array" && /\/properties\/[^/]+\/required$/.test(p.instancePath);
}

/**
 * A schema's `pattern` that is not a string (api.video's `pattern: 0`): no pattern can be read from
 * it, so none is checked (the model reads string patterns only): the value is accepted, never refused.
 */
function isPatternNotString(p: SchemaProblem): boolean {
  return p.keyword === "type" && p.params.type === "string" && /\/pattern$/.test(p.instancePath);
}

/** JSON Schema 2020-12's keywords that OpenAPI 3.0's schema object lacks: 3.0 documents use them meaning 3.1's. */
const NEWER_KEYWORDS = new Set([
  "const",
  "prefixItems",
  "contentMediaType",
  "contentEncoding",
  "contentSchema",
  "examples",
  "$defs",
  "if",
  "then",
  "else",
  "dependentSchemas",
  "dependentRequired",
  "patternProperties",
  "propertyNames",
  "contains",
  "minContains",
  "maxContains",
  "unevaluatedProperties",
  "unevaluatedItems",
  "$comment",
  "$id",
  "$anchor",
]);

/** Schema keywords OpenAPI 3.0 added to Swagger 2.0's: 2.0 documents use them meaning 3.0's. */
const OPENAPI3_KEYWORDS = new Set(["oneOf", "anyOf", "not", "deprecated", "writeOnly"]);

/** Every field name the OpenAPI objects and their schemas define: what a typo is compared with. */
const KNOWN_FIELDS = [
  ...NEWER_KEYWORDS,
  ..."openapi info servers paths components security tags externalDocs webhooks summary description operationId parameters requestBody responses callbacks deprecated name in required allowEmptyValue style explode allowReserved schema example content encoding contentType headers links default discriminator propertyName mapping readOnly writeOnly xml nullable title multipleOf maximum exclusiveMaximum minimum exclusiveMinimum maxLength minLength pattern maxItems minItems uniqueItems maxProperties minProperties enum type allOf oneOf anyOf not items properties additionalProperties format url variables schemas requestBodies securitySchemes produces consumes collectionFormat".split(
    " ",
  ),
];

/** The known field `name` is most likely a typo of (at most two edits away), if any. */
function typoOf(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of KNOWN_FIELDS) {
    if (Math.abs(known.length - name.length) >= bestDistance) continue;
    const d = editDistance(name.toLowerCase(), known.toLowerCase());
    if (d < bestDistance && d < name.length / 2) {
      best = known;
      bestDistance = d;
    }
  }
  return best;
}

/** Edit distance where swapping two neighbours is one edit, as typing slips are (`exampel`). */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, before[j - 2]! + 1);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}

/** The warning for a harmless finding other than the document-level ones. */
function fieldWarning(p: SchemaProblem, label: string, version: string): string | undefined {
  const at = p.instancePath || "/";
  if (p.instancePath === "/info/version" && p.keyword === "type")
    return `\`info.version\` must be a string (at /info/version): read as the text it would print; write it quoted (\`version: "1.0"\`: YAML reads 1.0 unquoted as the number 1)`;
  if (isPatternNotString(p))
    return `\`pattern\` is not a string (at ${at}): no pattern is checked there, so any string is accepted; write the regular expression as a string`;
  const name = unknownField(p);
  if (name === undefined) return undefined;
  if (version !== "2.0" && !isJsonSchema2020(version) && NEWER_KEYWORDS.has(name))
    return `"${name}" is a JSON Schema 2020-12 keyword, which OpenAPI 3.0 schemas do not have: read as OpenAPI 3.1 reads it; declare \`openapi: 3.1.x\`, or write it the 3.0 way (at ${at})`;
  if (version === "2.0" && name === "nullable")
    return `"nullable" is OpenAPI 3.0's, which Swagger 2.0 does not have: read as 3.0 reads it (null allowed); write \`x-nullable: true\` (at ${at})`;
  if (version === "2.0" && OPENAPI3_KEYWORDS.has(name))
    return `"${name}" is an OpenAPI 3 schema keyword, which Swagger 2.0 schemas do not have: read as OpenAPI 3.0 reads it; move the document to OpenAPI 3 (at ${at})`;
  const typo = typoOf(name);
  return `unknown field "${name}" (at ${at}): the ${label} schema does not define it here and specforge ignores it; ${
    typo !== undefined && typo !== name ? `did you mean "${typo}"?` : 'extensions start with "x-"'
  }`;
}

/**
 * Validates `document` against the OpenAPI schema of its version. Harmless findings come back as
 * located warnings; any other finding throws with up to three located problems.
 */
export function validateAgainstSchema(
  document: Record<string, unknown>,
  source: ParsedSource,
  version: string,
): Warning[] {
  const raw = schemaProblems(document, version);
  if (version.startsWith("3.2")) checkXmlNodeTypes(document, source);
  if (raw.length === 0) return [];
  {
    const details = withoutReferenceBranch(mergeAnyOfRequired(raw));
    const lenient = harmlessAmong(details);
    const harmless = (p: SchemaProblem) => lenient(p) && !(version.startsWith("3.2") && isSerialisationBreach(p));
    if (details.every(harmless)) {
      const label = version.startsWith("2") ? "Swagger 2.0" : `OpenAPI ${version.slice(0, 3)}`;
      // A property's `required: true` is read, and warned about, by the model (in 3.1 too).
      return (
        pickProblems(details, Infinity)
          // ... and a component's name by the lenient reading (load/lenient.ts), in 3.0 too.
          .filter((p) => !isBooleanRequired(p) && !isComponentName(p))
          .map(
            (p): Warning => ({
              message:
                p.keyword === "required" && p.params.missingProperty === "paths" && p.instancePath === ""
                  ? "the document has no `paths`: it is generated as schemas only (models and validators, no client); add `paths: {}` to make it valid"
                  : isMissingInfo(p)
                    ? "the document has no `info`, which it must have: generated without a title or version; add `info: { title: ..., version: ... }`"
                    : isResponseWithoutDescription(p)
                      ? `a Response without \`description\`, which ${label} requires (at ${p.instancePath}): generated as if it were empty; add \`description: ...\``
                      : isUnknownRootField(p)
                        ? `unknown field "${String(p.params.additionalProperty)}" at the document's root: the ${label} schema does not define it and specforge ignores it (a typo? extensions start with "x-")`
                        : (fieldWarning(p, label, version) ??
                          `the document does not follow the ${label} schema: ${describe(p)} (at ${p.instancePath || "/"}); it does not affect the generated code`),
              location: source.locate(problemPointer(p)),
            }),
          )
      );
    }
    const problems = pickProblems(
      details.filter((d) => !harmless(d)),
      3,
    );
    const lines = problems.map((p, i) => {
      const pointer = problemPointer(p);
      const text = `${describe(p)} (at ${p.instancePath || "/"}); see the ${version === "2.0" ? "Swagger 2.0" : `OpenAPI ${version.slice(0, 3)}`} specification`;
      return i === 0 ? { location: source.locate(pointer), text } : `${formatLocation(source.locate(pointer))}${text}`;
    });
    const [first, ...rest] = lines as [{ location: ReturnType<ParsedSource["locate"]>; text: string }, ...string[]];
    const more =
      details.length > problems.length ? [`(${details.length - problems.length} related findings not shown)`] : [];
    throw new UserError(["invalid OpenAPI document: " + first.text, ...rest, ...more].join("\n"), first.location);
  }
}

const PATH_ITEM = /^\/(?:paths|webhooks|components\/pathItems)\/[^/]+$/;

/**
 * An object that may be a Reference (`Response | Reference`) and is not one fails both alternatives:
 * the Reference's findings (its missing `$ref`, then every field of the object as unknown) follow the
 * real ones, up to the `oneOf` that sums them up. The fields the Reference refuses are not findings
 * about the object: `description` is not unknown in a Response.
 */
function withoutReferenceBranch(details: SchemaProblem[]): SchemaProblem[] {
  const inReference = new Set<string>();
  // A parameter is one of several kinds chosen by its `in`: when the kind it names found something
  // (below the parameter), the other kinds' "must be one of" at its `in`, the fields they would
  // require and the fields they do not define are not findings about it.
  const explained = new Set(
    details
      .filter((d) => !SUMMARY_KEYWORDS.has(d.keyword) && !/\/in$/.test(d.instancePath))
      .flatMap((d) => {
        const m = /^(.*\/parameters\/\d+)\//.exec(d.instancePath);
        return m ? [m[1]!] : [];
      }),
  );
  return details.filter((d) => {
    if (d.keyword === "enum" && /\/in$/.test(d.instancePath) && explained.has(d.instancePath.slice(0, -3)))
      return false;
    if (
      (d.keyword === "additionalProperties" || (d.keyword === "required" && d.params.missingProperty !== "$ref")) &&
      explained.has(d.instancePath)
    )
      return false;
    // A Path Item's `$ref` (3.1: to `components.pathItems`), which the 3.1 schema's unevaluated
    // properties refuse where the specification allows it; the model follows it.
    if (
      d.keyword === "unevaluatedProperties" &&
      d.params.unevaluatedProperty === "$ref" &&
      PATH_ITEM.test(d.instancePath)
    )
      return false;
    if (d.keyword === "required" && d.params.missingProperty === "$ref") inReference.add(d.instancePath);
    else if (SUMMARY_KEYWORDS.has(d.keyword)) inReference.delete(d.instancePath);
    else if (d.keyword === "additionalProperties" && inReference.has(d.instancePath)) return false;
    return true;
  });
}

/**
 * An `anyOf` whose every branch failed for one missing field (OpenAPI 3.1's "at least one of paths,
 * components or webhooks") is one problem, not a list of fields that each seem required.
 */
function mergeAnyOfRequired(details: SchemaProblem[]): SchemaProblem[] {
  let out = details;
  for (const group of details.filter((d) => d.keyword === "anyOf" && d.schemaPath !== undefined)) {
    const branches = out.filter((d) => d.schemaPath?.startsWith(group.schemaPath + "/"));
    if (
      branches.length < 2 ||
      !branches.every((d) => d.keyword === "required" && d.instancePath === group.instancePath)
    )
      continue;
    const merged: SchemaProblem = {
      instancePath: group.instancePath,
      keyword: "anyRequired",
      params: { missingProperties: branches.map((d) => d.params.missingProperty) },
    };
    out = out.flatMap((d) => (d === group ? [merged] : branches.includes(d) ? [] : [d]));
  }
  return out;
}

/** Where a finding is written: the offending key's own place for an unknown field or name. */
function problemPointer(p: SchemaProblem): string {
  if (p.keyword === "additionalProperties") return p.instancePath + toPointer([String(p.params.additionalProperty)]);
  if (p.keyword === "unevaluatedProperties") return p.instancePath + toPointer([String(p.params.unevaluatedProperty)]);
  if (p.keyword === "propertyNames" && p.params.propertyName !== undefined)
    return p.instancePath + toPointer([String(p.params.propertyName)]);
  return p.instancePath;
}

/** The most specific findings: deepest first, without the noise of failed alternatives. */
function pickProblems(details: SchemaProblem[], limit: number): SchemaProblem[] {
  const specific = details.filter((d) => !isSummary(d));
  const pool = specific.length > 0 ? specific : details;
  const depth = (d: SchemaProblem) => d.instancePath.split("/").length;
  const sorted = pool.map((d, i) => ({ d, i })).sort((a, b) => depth(b.d) - depth(a.d) || a.i - b.i);
  const seen = new Set<string>();
  const picked: SchemaProblem[] = [];
  for (const { d } of sorted) {
    const key = d.instancePath + "|" + describe(d);
    if (seen.has(key)) continue;
    seen.add(key);
    picked.push(d);
    if (picked.length === limit) break;
  }
  return picked;
}

function describe(p: SchemaProblem): string {
  switch (p.keyword) {
    case "additionalProperties":
      return `unknown field "${String(p.params.additionalProperty)}"`;
    case "unevaluatedProperties": {
      const field = String(p.params.unevaluatedProperty);
      if (isSerialisationBreach(p))
        return field === "allowReserved"
          ? `"allowReserved" cannot be here: it applies only where values are percent-encoded (query parameters, cookies with \`style: form\`); remove it`
          : `"${field}" cannot be beside \`content\`: it applies only to a value described by \`schema\`; remove it`;
      return `unknown field "${field}"`;
    }
    case "required":
      return `missing required field "${String(p.params.missingProperty)}"`;
    case "anyRequired": {
      const names = (p.params.missingProperties as unknown[]).map((n) => `"${String(n)}"`);
      return `needs at least one of ${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
    }
    case "type":
      return `must be ${String(p.params.type)}`;
    case "oneOf":
      return Array.isArray(p.params.passingSchemas)
        ? "matches more than one of the allowed forms (fields that exclude each other?)"
        : "matches none of the allowed forms";
    case "enum":
      return `must be one of: ${(p.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return p.message ?? p.keyword;
  }
}

/**
 * OpenAPI 3.2's XML Object rules, which its schema leaves to the schema dialect: `nodeType` excludes
 * `attribute` and `wrapped`. XML Objects of earlier versions are read past (they never change the
 * output), but `nodeType` is 3.2's own: a document that uses it is held to its rules.
 */
function checkXmlNodeTypes(document: Record<string, unknown>, source: ParsedSource): void {
  const visit = (node: unknown, at: string[]): void => {
    if (node === null || typeof node !== "object") return;
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    for (const [key, value] of entries) {
      const here = [...at, key];
      if (key === "xml" && !Array.isArray(node) && value !== null && typeof value === "object") {
        const xmlObject = value as Record<string, unknown>;
        for (const excluded of ["attribute", "wrapped"])
          if (xmlObject.nodeType !== undefined && xmlObject[excluded] !== undefined)
            throw new UserError(
              `invalid OpenAPI document: an XML Object with \`nodeType\` cannot have \`${excluded}\` (at ${toPointer(here)}): in 3.2 \`nodeType\` replaces \`${excluded}\`; remove \`${excluded}\``,
              source.locate(toPointer([...here, excluded])),
            );
      }
      visit(value, here);
    }
  };
  visit(document, []);
}

// Checks that a parsed file is a Swagger 2.0 or OpenAPI 3.0/3.1 document and that it follows its schema,
// turning the schema validator's findings into located, readable messages.
import { formatLocation, UserError, type Warning } from "../errors.js";
import { type SchemaProblem, schemaProblems } from "./schema-validators.js";
import type { ParsedSource } from "./source.js";

const SUPPORTED = /^3\.[01]\.\d+$/;

/** `openapi: "3.0"`, `"3.1"` (or unquoted `3.0`, `3.1`, which YAML reads as the numbers 3 and 3.1): a version without its patch. */
const WITHOUT_PATCH = /^3(?:\.[01])?$/;

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
        `\`swagger: ${JSON.stringify(doc.swagger)}\` is not supported: specforge reads Swagger "2.0" (quoted) and OpenAPI 3.0.x/3.1.x`,
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
    const minor = text === "3.1" ? "3.1" : "3.0";
    warnings.push({
      message: `\`openapi: ${typeof raw === "string" ? JSON.stringify(raw) : String(raw)}\` has no patch version: read as OpenAPI ${minor}.0; write the full version as a quoted string, e.g. \`openapi: "${minor === "3.1" ? "3.1.1" : "3.0.4"}"\``,
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
      `OpenAPI ${version} is not supported: specforge reads 3.0.x and 3.1.x`,
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
  // A field the OpenAPI schema does not define at the root (googleapis' `source`) is never read.
  if (isUnknownRootField(p)) return true;
  return p.instancePath === "" && p.keyword === "required" && p.params.missingProperty === "paths";
}

/**
 * A finding inside a schema's XML Object (opensuse.org's `xml: { example: ... }`): specforge never
 * reads `xml`. A segment `xml` names the XML Object unless it is a name (a property, a component).
 */
function inXmlObject(instancePath: string): boolean {
  const segments = instancePath.split("/");
  return segments.some((segment, i) => segment === "xml" && i > 0 && !NAMING.has(segments[i - 1]!));
}

/** Keywords whose members are named by the spec's author, so a member called `xml` is a name. */
const NAMING = new Set(["properties", "patternProperties", "schemas", "definitions", "$defs", "dependentSchemas"]);

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
  if (raw.length === 0) return [];
  {
    const details = mergeAnyOfRequired(raw);
    const harmless = harmlessAmong(details);
    if (details.every(harmless)) {
      const label = version.startsWith("2") ? "Swagger 2.0" : `OpenAPI ${version.slice(0, 3)}`;
      return pickProblems(details, Infinity).map((p) => ({
        message:
          p.keyword === "required" && p.params.missingProperty === "paths" && p.instancePath === ""
            ? "the document has no `paths`: it is generated as schemas only (models and validators, no client); add `paths: {}` to make it valid"
            : isMissingInfo(p)
              ? "the document has no `info`, which it must have: generated without a title or version; add `info: { title: ..., version: ... }`"
              : isResponseWithoutDescription(p)
                ? `a Response without \`description\`, which ${label} requires (at ${p.instancePath}): generated as if it were empty; add \`description: ...\``
                : isUnknownRootField(p)
                  ? `unknown field "${String(p.params.additionalProperty)}" at the document's root: the ${label} schema does not define it and specforge ignores it (a typo? extensions start with "x-")`
                  : `the document does not follow the ${label} schema: ${describe(p)} (at ${p.instancePath || "/"}); it does not affect the generated code`,
        location: source.locate(problemPointer(p)),
      }));
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

function problemPointer(p: SchemaProblem): string {
  return p.keyword === "additionalProperties"
    ? `${p.instancePath}/${String(p.params.additionalProperty)}`
    : p.instancePath;
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

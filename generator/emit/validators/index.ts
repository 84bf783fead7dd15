// validators.ts: for every named schema `validateX` and `xSchema`, for every operation
// `validateFooRequest` and `fooRequestSchema`, over the fixed runtime in templates/.
import { bodyContent, isJsonContent } from "../../model/content.js";
import {
  type ApiModel,
  type MediaContent,
  type NamedSchema,
  type Operation,
  type Schema,
  schemaChildren,
  type ValidatorNames,
} from "../../model/index.js";
import { block, type Code, code, id, join, lines, paragraphs, verbatim } from "../code.js";
import type { DateConverters } from "../dates.js";
import { commentText, jsDoc, literal } from "../escape.js";
import { header } from "../header.js";
import { keptRuntime, type RuntimePart, runtimeText } from "../runtime.js";
import { checkFunction, checkSchema, fail, keyIn, memberCall, PLAIN, REQUEST, RESPONSE } from "./checks.js";
import { COMPACT_FROM_NODES, CheckContext as Context } from "./context.js";

export interface EmittedValidators {
  /** File name -> text: `validators.ts`, or `validators.js` and `validators.d.ts`. */
  files: Map<string, string>;
  /** The validators as one JavaScript module (runtime and checks), whatever the form: mocks run it. */
  js: () => string;
}

/**
 * The forms of the validators:
 * - `ts` (the default): `validators.ts`, built by the user's toolchain like every other file. Its
 *   exports carry explicit types and the file is `// @ts-nocheck`, so the consumer's tsc parses and
 *   binds the checks but never type-checks them (on Stripe's spec they are megabytes of code).
 * - `js`: `validators.js` with `validators.d.ts` beside it, for builds whose tsc does not emit.
 * - `checked`: specforge's own tests only: `validators.ts` with every local typed and no
 *   `@ts-nocheck`, so the tests can prove the checks compile under the strictest settings.
 */
export type ValidatorsForm = "ts" | "js" | "checked";

export interface ValidatorsOptions {
  /** `ts` by default (see `ValidatorsForm`). */
  form?: ValidatorsForm;
  /**
   * `"dates": true`: a valid `Date` is accepted where a `date-time` string goes (an Invalid Date is
   * refused), and the models' types are taken as a request gives them (`DateInput`).
   */
  dates?: DateConverters;
  /**
   * Nothing written in place of a call (see `CheckContext.compact`); by default, when the spec has
   * more than `COMPACT_FROM_NODES` schema nodes.
   */
  compact?: boolean;
}

const PURPOSE = "Request and schema validators of the API: straight-line checks, no dependencies.";

export function emitValidators(
  model: ApiModel,
  sibling: (name: string) => string,
  options: ValidatorsOptions = {},
): EmittedValidators {
  const form = options.form ?? "ts";
  const byName = new Map(model.schemas.map((s) => [s.name, s]));
  const named = (component: string) => {
    const found = byName.get(component);
    if (found === undefined) throw new Error(`internal: no component schema "${component}"`);
    return found;
  };
  const { counts, nodes } = references(model);
  const ctx = new Context(
    form === "checked",
    (component) => id(named(component).validator.check),
    (component) => named(component).schema,
    counts,
    options.compact ?? nodes > COMPACT_FROM_NODES,
  );
  ctx.dates = options.dates !== undefined;
  const modelType = (s: NamedSchema) =>
    options.dates?.needs(s.schema)
      ? code`Models.${id(options.dates.inputName)}<Models.${id(s.typeName)}>`
      : code`Models.${id(s.typeName)}`;
  const declarations: Code[] = [];
  const parts: Part[] = [];
  for (const s of model.schemas) parts.push(schemaValidator(s, ctx, declarations, modelType(s)));
  for (const op of model.operations) parts.push(operationValidator(op, ctx, declarations));
  for (const op of model.operations) parts.push(resultValidator(op, ctx, declarations));
  const checks = [...ctx.declarations, ...parts.map((p) => p.check)].map((c) => c.text).join("\n");
  const shared = [
    ctx
      .failureDeclarations(checks)
      .map((c) => c.text)
      .join("\n"),
    ...ctx.declarations.map((c) => c.text),
  ]
    .filter((t) => t !== "")
    .join("\n\n");
  // The checks are the same in every form; only the exports' signatures differ.
  const bodyOf = (typed: boolean) =>
    [shared, ...parts.map((p) => paragraphs(p.check, p.exports(typed)).text)].filter((t) => t !== "").join("\n\n");
  const body = bodyOf(form !== "js");
  // The typed exports name only the runtime's public types, which are always kept.
  const runtime = keptRuntime("validators-runtime.ts", body);
  const shipped = form === "checked" ? { body, runtime } : { body: tabs(body), runtime: runtime.map(tabbed) };
  const api = declarations.map((c) => c.text).join("\n\n");
  return {
    files: validatorFiles(model, form, sibling, shipped.body, shipped.runtime, api),
    // Built only when asked for (mocks): the untyped exports beside the same checks.
    js: () => `${javascript(shipped.runtime)}\n\n${form === "js" ? body : bodyOf(false)}\n`,
  };
}

/**
 * The files of the form: `validators.ts` (its checks' bodies unchecked in the `ts` form), or
 * `validators.js` with `validators.d.ts` (`api`, the exports' declarations).
 */
function validatorFiles(
  model: ApiModel,
  form: ValidatorsForm,
  sibling: (name: string) => string,
  body: string,
  runtime: RuntimePart[],
  api: string,
): Map<string, string> {
  const models = (text: string) =>
    // An API without schemas or operations has nothing typed by a model.
    /\bModels\./.test(text) ? [`import type * as Models from ${literal(sibling("models"))};`, ""] : [];
  const files = new Map<string, string>();
  if (form === "js") {
    files.set(
      "validators.js",
      [
        // Deno reads the declarations from here; TypeScript finds validators.d.ts beside the file, and
        // a project that type-checks its JavaScript (`checkJs`) leaves this file to its declarations.
        '// @ts-self-types="./validators.d.ts"',
        "// @ts-nocheck",
        header(model, PURPOSE),
        javascript(runtime),
        "",
        body,
        "",
      ].join("\n"),
    );
    files.set(
      "validators.d.ts",
      [header(model, `Types of validators.js. ${PURPOSE}`), ...models(api), declarationsOf(runtime), "", api, ""].join(
        "\n",
      ),
    );
  } else {
    files.set(
      "validators.ts",
      [
        // The checks are plain JavaScript: a consumer's tsc reads the exports' signatures, never the bodies.
        ...(form === "ts" ? ["// @ts-nocheck"] : []),
        header(model, PURPOSE),
        ...models(body),
        runtimeText(runtime),
        "",
        body,
        "",
      ].join("\n"),
    );
  }
  return files;
}

/** A runtime part indented with tabs, as the checks are. */
function tabbed(part: RuntimePart): RuntimePart {
  return { ...part, text: tabs(part.text), js: tabs(part.js) };
}

/**
 * Indentation as tabs, one a level, in the files shipped: the checks nest deeply, and a tab is a
 * quarter of the four spaces every other file indents with (a sixth of GitHub's validators was
 * indentation). The checks hold no multi-line string, so only indentation changes.
 */
function tabs(text: string): string {
  return text.replace(/^(?: {4})+/gm, (run) => "\t".repeat(run.length >> 2));
}

/**
 * How many places of the spec (schemas, parameters, bodies, responses) refer to each component, and
 * how many schema nodes the spec has (a ref counting one where it stands).
 */
function references(model: ApiModel): { counts: Map<string, number>; nodes: number } {
  const counts = new Map<string, number>();
  const stack: Schema[] = model.schemas.map((s) => s.schema);
  for (const op of model.operations) {
    for (const p of op.parameters) if (p.schema) stack.push(p.schema);
    for (const c of op.body?.contents ?? []) if (c.schema) stack.push(c.schema);
    for (const r of op.responses) for (const c of r.contents) if (c.schema) stack.push(c.schema);
  }
  let nodes = 0;
  while (stack.length > 0) {
    const schema = stack.pop()!;
    nodes++;
    if (schema.ref !== undefined) counts.set(schema.ref, (counts.get(schema.ref) ?? 0) + 1);
    else stack.push(...schemaChildren(schema));
  }
  return { counts, nodes };
}

/** One validator: its check function (the same in every form), and its exports, typed or not. */
interface Part {
  check: Code;
  exports: (typed: boolean) => Code;
}

/** `: type` where the exports are typed. */
function ann(typed: boolean, type: Code): Code {
  return typed ? code`: ${type}` : code``;
}

/** The runtime (TypeScript under templates/) as JavaScript: types stripped, comments kept. */
function javascript(runtime: RuntimePart[]): string {
  return runtime
    .map((p) => p.js)
    .filter((js) => js !== "")
    .join("\n");
}

/** The runtime's public declarations (its exported types and functions). */
function declarationsOf(runtime: RuntimePart[]): string {
  return runtime
    .map((p) => p.dts)
    .filter((dts) => dts !== "")
    .join("\n");
}

/**
 * `validateX` and `xSchema`, over the check function `names.check`; their declarations go to
 * `declarations` (for validators.d.ts).
 */
function exported(
  declarations: Code[],
  names: ValidatorNames,
  type: Code,
  mode: number,
  doc: string,
  input = code`value`,
): (typed: boolean) => Code {
  const validate = id(names.validate);
  const standardDoc = verbatim(jsDoc(`\`${names.validate}\` as a Standard Schema v1 object.`));
  declarations.push(
    lines(
      verbatim(jsDoc(doc)),
      code`export declare function ${validate}(${input}: unknown): ValidationResult<${type}>;`,
      standardDoc,
      code`export declare const ${id(names.standard)}: StandardSchemaV1<unknown, ${type}>;`,
    ),
  );
  // JavaScript readers find the documentation in validators.d.ts, where editors show it. A validator is
  // the runtime's `validator(check, mode)`: one line per export, however large the API.
  return (typed) =>
    paragraphs(
      lines(
        typed ? verbatim(jsDoc(doc)) : code``,
        code`export const ${validate}${ann(typed, code`(${input}: unknown) => ValidationResult<${type}>`)} = /* @__PURE__ */ validator(${id(names.check)}, ${mode});`,
      ),
      lines(
        typed ? standardDoc : code``,
        code`export const ${id(names.standard)}${ann(typed, code`StandardSchemaV1<unknown, ${type}>`)} = /* @__PURE__ */ standard(${validate});`,
      ),
    );
}

function schemaValidator(s: NamedSchema, ctx: Context, declarations: Code[], type: Code): Part {
  ctx.inlining.push(s.name);
  const body = ctx.inFunction(() => checkSchema(s.schema, { v: code`v`, rel: [], issues: code`issues` }, ctx));
  ctx.inlining.pop();
  const doc = `Checks a value against the \`${commentText(s.name)}\` schema.`;
  return {
    check: checkFunction(ctx, id(s.validator.check), body, ["v", "issues", "mode"]),
    exports: exported(declarations, s.validator, type, PLAIN, doc),
  };
}

function operationValidator(op: Operation, ctx: Context, declarations: Code[]): Part {
  const optional = op.parameters.every((p) => !p.required) && !op.body?.required;
  const body = ctx.inFunction(() => {
    const t = { v: code`v`, rel: [], issues: code`issues` };
    const out: Code[] = [];
    if (optional) out.push(code`if (v === undefined) return;`);
    out.push(code`if (!isObject(v)) ${block(fail(ctx, t, "type", "must be an object"), code`return;`)}`);
    const keys: string[] = [];
    const member = (key: string, required: boolean, schema: Schema | undefined) => {
      keys.push(key);
      out.push(memberCall(schema, required ? "required" : "optional", code`v[${key}]`, code`${key}`, t.issues, ctx));
    };
    for (const param of op.parameters) member(param.key, param.required, param.schema);
    if (op.body) member("body", op.body.required, bodyContent(op.body.contents)?.schema);
    const k = ctx.local("k");
    const declared = keyIn(k, keys, ctx);
    const known = declared ? code`if (${declared}) continue;` : code``;
    out.push(
      code`for (const ${k} in v) ${block(known, fail(ctx, t, "additionalProperties", `is not an input of ${op.operationId}`, [k]))}`,
    );
    return lines(...out);
  });
  const doc = `Checks the input of ${operationLabel(op)} before it is sent.`;
  const type = code`Models.${id(op.names.input)}${optional ? code` | undefined` : code``}`;
  return {
    check: checkFunction(ctx, id(op.names.validator.check), body, ["v", "issues", "mode"]),
    exports: exported(declarations, op.names.validator, type, REQUEST, doc, code`input`),
  };
}

/** `` `createUser` (POST /v2/users) ``, escaped for a comment. */
function operationLabel(op: Operation): string {
  return `\`${commentText(op.operationId)}\` (${commentText(op.method)} ${commentText(op.path)})`;
}

/** The order statuses are tried in: exact codes, then ranges (`2XX`), then `default`. */
function statusRank(status: string): number {
  return /^\d{3}$/.test(status) ? 0 : /^\dXX$/i.test(status) ? 1 : 2;
}

/**
 * The schema an answer's JSON body is checked against: its JSON media type's; where a status documents
 * several JSON media types with different schemas (GitHub's `application/vnd.github.star+json` beside
 * `application/json`), any of them (the validator does not see the answer's content type, and must
 * not refuse what the API sends).
 */
function answerSchema(contents: MediaContent[]): Schema | undefined {
  const json = contents.filter(isJsonContent);
  const distinct = [...new Map(json.map((c) => [c.schema.ref ?? c.schema, c.schema])).values()];
  if (distinct.length > 1) return { pointer: distinct[0]!.pointer, anyOf: distinct };
  return bodyContent(contents)?.schema;
}

/**
 * `validateFooBarResult(status, body)`: the body against the schema documented for that status (an
 * exact code, else its range, else `default`), as a response: writeOnly members refused. A status
 * the spec does not document, or documents without a JSON body, is not checked.
 */
function resultValidator(op: Operation, ctx: Context, declarations: Code[]): Part {
  const documented = op.responses
    .map((r) => ({ status: r.status, schema: answerSchema(r.contents) }))
    .sort((a, b) => statusRank(a.status) - statusRank(b.status));
  const branches: Code[] = [];
  for (const r of documented) {
    // A status documented without a JSON body (204) is matched too, so no range or default applies.
    const body = r.schema
      ? ctx.inFunction(() => checkSchema(r.schema!, { v: code`v`, rel: [], issues: code`issues` }, ctx))
      : code``;
    const call =
      body.text === ""
        ? code``
        : code`${ctx.sharedFunction("r", body, (fn) => checkFunction(ctx, fn, body, ["v", "issues", "mode"]))}(body, issues, ${RESPONSE});`;
    const rank = statusRank(r.status);
    const digit = Number(r.status[0]);
    const test =
      rank === 0
        ? code`status === ${Number(r.status)}`
        : rank === 1
          ? code`status >= ${digit * 100} && status < ${digit * 100 + 100}`
          : code`true`;
    if (rank === 2) {
      if (body.text !== "") branches.push(block(call));
    } else branches.push(code`if (${test}) ${block(call)}`);
  }
  // Trailing branches that check nothing can go.
  while (branches.length > 0 && branches[branches.length - 1]!.text.endsWith("{}")) branches.pop();
  const name = id(op.names.resultValidator);
  const doc = `Checks an answer of ${operationLabel(op)}: the body against the schema documented for its status, or \`default\`.`;
  declarations.push(
    lines(
      verbatim(jsDoc(doc)),
      code`export declare function ${name}(status: number, body: unknown): ValidationResult<unknown>;`,
    ),
  );
  const statusParam = branches.length === 0 ? code`_status` : code`status`;
  return {
    check: code``,
    exports: (typed) =>
      lines(
        typed ? verbatim(jsDoc(doc)) : code``,
        code`export function ${name}(${statusParam}${ann(typed, code`number`)}, body${ann(typed, code`unknown`)})${ann(typed, code`ValidationResult<unknown>`)} ${block(
          code`const issues${ann(typed, code`ValidationIssue[]`)} = [];`,
          join(branches, " else "),
          code`return result(body, issues);`,
        )}`,
      ),
  };
}

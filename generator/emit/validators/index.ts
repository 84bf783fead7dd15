// validators.ts: for every named schema `validateX` and `xSchema`, for every operation
// `validateFooRequest` and `fooRequestSchema`, over the fixed runtime in templates/.
import { Project, type StatementStructures, StructureKind, VariableDeclarationKind } from "ts-morph";
import { bodyContent } from "../../model/content.js";
import type { ApiModel, NamedSchema, Operation, Schema } from "../../model/index.js";
import { commentText, identifier, literal } from "../escape.js";
import { header } from "../header.js";
import { runtimeFor } from "../runtime.js";
import { block, CheckContext, checkSchema, type EmitWarning, paramName } from "./checks.js";

export interface EmittedValidators {
  text: string;
  warnings: EmitWarning[];
  errors: EmitWarning[];
}

export function emitValidators(model: ApiModel, sibling: (name: string) => string): EmittedValidators {
  const byName = new Map(model.schemas.map((s) => [s.name, s]));
  const named = (component: string) => {
    const found = byName.get(component);
    if (found === undefined) throw new Error(`internal: no component schema "${component}"`);
    return found;
  };
  const ctx = new CheckContext(
    (component) => identifier(named(component).validator.check),
    (component) => named(component).schema,
  );
  const statements: StatementStructures[] = [];
  for (const named of model.schemas) statements.push(...schemaValidator(named, ctx));
  for (const op of model.operations) statements.push(...operationValidator(op, ctx));

  const project = new Project({ useInMemoryFileSystem: true });
  const file = project.createSourceFile("validators.ts", { statements }, { overwrite: true });
  // Checks are emitted indented (see `block`), so the formatter, slow on large specs, is not needed.
  // Constants are one-line statements put first as text: inserting them through ts-morph re-parses
  // the whole file (a second full parse, over a second on Stripe).
  const functions = file.getStatementsWithComments().map((s) => s.getText({ includeJsDocComments: true }));
  const body = [...ctx.constants, ...functions].join("\n\n");
  const text = [
    header(model, "Request and schema validators of the API: straight-line checks, no dependencies."),
    // An API without schemas or operations has nothing typed by a model.
    ...(/\bModels\./.test(body) ? [`import type * as Models from ${literal(sibling("models"))};`, ""] : []),
    runtimeFor("validators-runtime.ts", body),
    "",
    body,
    "",
  ].join("\n");
  return { text, warnings: ctx.warnings, errors: ctx.errors };
}

const ISSUES = "ValidationIssue[]";

/** A check function; parameters it does not use are named `_x`, so `noUnusedParameters` stays quiet. */
function checkFunction(name: string, body: string): StatementStructures {
  const param = (id: string, type: string) => ({ name: paramName(body, id), type });
  return {
    kind: StructureKind.Function,
    name: identifier(name),
    parameters: [param("v", "unknown"), param("issues", ISSUES), param("req", "boolean")],
    returnType: "void",
    statements: body === "" ? [] : [body],
  };
}

function exported(
  names: { validate: string; standard: string },
  type: string,
  req: boolean,
  check: string,
  doc: string,
  input = "value",
): StatementStructures[] {
  return [
    {
      kind: StructureKind.Function,
      name: identifier(names.validate),
      isExported: true,
      docs: [{ description: doc }],
      parameters: [{ name: input, type: "unknown" }],
      returnType: `ValidationResult<${type}>`,
      // Inline rather than through a shared runner, so each call site stays monomorphic.
      statements: [
        "const issues: ValidationIssue[] = [];",
        "const depth = at.length;",
        "const savedBase = base;",
        "base = depth;",
        `try ${block(`${identifier(check)}(${input}, issues, ${req});`)} finally ${block("restore(depth, savedBase);")}`,
        `return result<${type}>(${input}, issues);`,
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: `${doc}\nAs a Standard Schema v1 object, for form and RPC libraries.` }],
      declarations: [
        {
          name: identifier(names.standard),
          type: `StandardSchemaV1<unknown, ${type}>`,
          initializer: `standard(${identifier(names.validate)})`,
        },
      ],
    },
  ];
}

function schemaValidator(named: NamedSchema, ctx: CheckContext): StatementStructures[] {
  ctx.inlining.push(named.name);
  const body = checkSchema(named.schema, "v", [], "issues", ctx);
  ctx.inlining.pop();
  const doc = `Checks a value against the \`${commentText(named.name)}\` schema.`;
  return [
    checkFunction(named.validator.check, body),
    ...exported(named.validator, `Models.${identifier(named.typeName)}`, false, named.validator.check, doc),
  ];
}

function operationValidator(op: Operation, ctx: CheckContext): StatementStructures[] {
  const lines: string[] = [];
  const optional = op.parameters.every((p) => !p.required) && !op.body?.required;
  if (optional) lines.push("if (v === undefined) return;");
  lines.push(`if (!isObject(v)) ${block(`fail(issues, [], "type", "must be an object");`, "return;")}`);
  const keys: string[] = [];
  const member = (key: string, required: boolean, schema: Schema | undefined) => {
    const k = literal(key);
    keys.push(k);
    const p = ctx.local("p");
    const missing = required ? `fail(issues, [${k}], "required", "is required");` : "";
    const check = schema ? checkSchema(schema, p, [k], "issues", ctx) : "";
    if (!missing && !check) return;
    lines.push(`const ${p} = v[${k}];`);
    if (missing && check) lines.push(`if (${p} === undefined) ${block(missing)} else ${block(check)}`);
    else if (missing) lines.push(`if (${p} === undefined) ${block(missing)}`);
    else if (check) lines.push(`if (${p} !== undefined) ${block(check)}`);
  };
  for (const param of op.parameters) member(param.key, param.required, param.schema);
  if (op.body) member("body", op.body.required, bodyContent(op.body.contents)?.schema);
  const k = ctx.local("k");
  const known = keys.length > 0 ? `if (${keys.map((key) => `${k} === ${key}`).join(" || ")}) continue;` : "";
  const notInput = `is not an input of ${op.operationId}`;
  lines.push(
    `for (const ${k} in v) ${block(known, `fail(issues, [${k}], "additionalProperties", ${literal(notInput)});`)}`,
  );
  const doc = `Checks the input of \`${commentText(op.operationId)}\` (${op.method.toUpperCase()} ${commentText(op.path)}) before it is sent.`;
  const type = `Models.${identifier(op.names.input)}${optional ? " | undefined" : ""}`;
  return [
    checkFunction(op.names.validator.check, lines.join("\n")),
    ...exported(op.names.validator, type, true, op.names.validator.check, doc, "input"),
  ];
}

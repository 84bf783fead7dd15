// client.ts: rendered from templates/client.hbs (or the user's --templates folder) with handlebars,
// over the fixed runtime in templates/client-runtime.ts. Handlebars runs with `noEscape` and
// `strict`; templates place spec values only through the helpers `json`, `jsontext` (JSON text in a string),
// `ident`, `key` (a property key), `comment` and `jsdoc`.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { UserError } from "../errors.js";
import { bodyContent } from "../model/content.js";
import type { ApiModel, Operation, Schema, SecurityScheme } from "../model/index.js";
import { isSequential } from "../model/types.js";
import { packageInfo } from "../paths.js";
import type { DateConverters } from "./dates.js";
import { commentText, identifier, jsDoc, jsonText, literal, propertyKey } from "./escape.js";
import { header } from "./header.js";
import { runtimeFor } from "./runtime.js";
import { contentType, type TypeNames } from "./type-text.js";

function engine(): typeof Handlebars {
  const hb = Handlebars.create();
  const defined = (helper: string, value: unknown) => {
    if (value === undefined) throw new Error(`{{${helper}}} was given a value the template data does not have`);
    return value;
  };
  hb.registerHelper("json", (value: unknown) => literal(defined("json", value)));
  // A JSON value as its JSON text in a string literal, for `JSON.parse` (data the user's tsc need not type).
  hb.registerHelper("jsontext", (value: unknown) => jsonText(defined("jsontext", value)));
  hb.registerHelper("ident", (value: unknown) => identifier(String(defined("ident", value))));
  hb.registerHelper("key", (value: unknown) => propertyKey(String(defined("key", value))));
  // Text inside a comment the template writes itself (one line)...
  hb.registerHelper("comment", (value: unknown) => commentText(String(defined("comment", value))).replace(/\n/g, " "));
  // ...or a whole JSDoc block, indented one level as member documentation is (`top=true`: not indented).
  hb.registerHelper("jsdoc", (value: unknown, options?: { hash?: { top?: unknown } }) => {
    const text = jsDoc(commentText(String(defined("jsdoc", value))));
    return options?.hash?.top === true ? text : text.replace(/\n/g, "\n    ");
  });
  return hb;
}

/** The template: the user's `client.hbs` when `templates` has one, else specforge's own. */
export function clientTemplate(templates: string | undefined): string {
  const own = templates ? path.join(templates, "client.hbs") : undefined;
  return readFileSync(own && existsSync(own) ? own : path.join(packageInfo().dir, "templates", "client.hbs"), "utf8");
}

function credentialType(scheme: SecurityScheme): string | undefined {
  if (scheme.type === "http" && scheme.scheme === "basic") return "BasicCredentials";
  if (scheme.type === "http" && scheme.scheme === "bearer") return "TokenSource";
  if (scheme.type === "apiKey") return "TokenSource";
  // OAuth 2.0 (every flow, 3.2's deviceAuthorization and oauth2MetadataUrl included) and OpenID
  // Connect: the access token the caller obtained, sent as a bearer token.
  if (scheme.type === "oauth2" || scheme.type === "openIdConnect") return "TokenSource";
  return undefined;
}

/** What a scheme's credential is, where the spec's kind says more than its type (OAuth 2.0, OpenID Connect). */
function schemeNote(scheme: SecurityScheme): string {
  if (scheme.type === "oauth2") return "OAuth 2.0: an access token, sent as `Authorization: Bearer`.";
  if (scheme.type === "openIdConnect") return "OpenID Connect: an access token, sent as `Authorization: Bearer`.";
  return "";
}

/** A scheme's JSDoc in a credentials object: its description, what it takes, and 3.2's `deprecated`. */
function schemeDoc(scheme: SecurityScheme): string {
  const lines = [scheme.description?.trim() ?? "", schemeNote(scheme), scheme.deprecated ? "@deprecated" : ""];
  return jsDoc(commentText(lines.filter(Boolean).join("\n\n")));
}

function schemeSpec(scheme: SecurityScheme): Record<string, unknown> | undefined {
  if (scheme.type === "http" && (scheme.scheme === "basic" || scheme.scheme === "bearer"))
    return { name: scheme.name, kind: scheme.scheme };
  if (scheme.type === "apiKey")
    return { name: scheme.name, kind: "apiKey", in: scheme.in, paramName: scheme.paramName };
  if (scheme.type === "oauth2" || scheme.type === "openIdConnect") return { name: scheme.name, kind: "bearer" };
  return undefined;
}

function operationDoc(op: Operation): string {
  const lines = [op.summary, op.description, `${commentText(op.method)} ${op.path}`]
    .map((l) => l?.trim())
    .filter((l): l is string => !!l);
  if (op.deprecated) lines.push("@deprecated");
  return lines.join("\n\n");
}

export function emitClient(
  model: ApiModel,
  sibling: (name: string) => string,
  templates?: string,
  dates?: DateConverters,
): string {
  const supported = model.securitySchemes.filter((s) => credentialType(s) !== undefined);
  const single = supported.length === 1 ? supported[0] : undefined;
  const authType =
    supported.length === 0
      ? "never"
      : single
        ? credentialType(single)!
        : `{\n${supported
            .map((s) => {
              const doc = schemeDoc(s);
              return `${doc ? `    ${doc.split("\n").join("\n    ")}\n` : ""}    ${propertyKey(s.name)}?: ${credentialType(s)!};`;
            })
            .join("\n")}\n}`;
  const credentials =
    supported.length === 0
      ? "{}"
      : single
        ? `options.auth === undefined ? {} : { ${propertyKey(single.name)}: options.auth }`
        : "{ ...options.auth }";
  const typeNames = new Map(model.schemas.map((s) => [s.name, s.typeName]));
  const modelType: TypeNames = (component) => `Models.${typeNames.get(component)!}`;
  const operations = model.operations.map((op) => {
    const content = op.body ? (bodyContent(op.body.contents) ?? op.body.contents[0]) : undefined;
    const security = (op.security ?? model.security).map((req) => Object.keys(req));
    // What `send` needs of the operation, passed as JSON text (see the runtime's `operationSpec`).
    const spec = {
      id: op.operationId,
      method: op.method,
      path: op.path,
      params: op.parameters.map((p) => ({
        name: p.name,
        key: p.key,
        in: p.in,
        ...(p.style ? { style: p.style } : {}),
        ...(p.explode !== undefined ? { explode: p.explode } : {}),
        ...(p.in === "querystring" ? { mediaType: p.mediaType ?? "application/x-www-form-urlencoded" } : {}),
      })),
      ...(content ? { body: { mediaType: content.mediaType } } : {}),
      ...(op.responses.some((r) => /^2/.test(r.status) && r.contents.some((c) => isSequential(c.mediaType)))
        ? { stream: true }
        : {}),
      security,
      result: op.names.resultValidator,
    };
    return {
      method: op.names.method,
      fn: op.names.fn,
      sameName: op.names.method === op.names.fn,
      operationId: op.operationId,
      doc: operationDoc(op),

      inputType: op.names.input,
      resultType: op.names.result,
      inputOptional: op.parameters.every((p) => !p.required) && !op.body?.required,
      validator: op.names.validator.validate,
      errorsType: errorsType(op, modelType),
      datesCall: dates ? datesCall(op, jsonText(spec), dates) : "",
      spec,
    };
  });
  const defaultBaseUrl = model.servers[0] ? expandServer(model.servers[0]) : "";
  const source = clientTemplate(templates);
  const template = engine().compile(source, { noEscape: true, strict: true });
  const context = {
    header: header(model, "A typed fetch client for the API: one method per operation."),
    modelsModule: sibling("models"),
    validatorsModule: sibling("validators"),
    clientModule: sibling("client"),
    validators: operations.map((o) => o.validator),
    servers: model.servers.map((s) => ({
      url: expandServer(s),
      ...(s.name !== undefined ? { name: s.name } : {}),
      ...(s.description ? { description: s.description } : {}),
    })),
    title: model.info.title,
    authType,
    authDoc: commentText(
      ["Credentials, as the spec's security schemes ask for them.", single ? schemeNote(single) : ""]
        .filter(Boolean)
        .join(" "),
    ),
    authDeprecated: single?.deprecated === true,
    credentials,
    schemes: supported.map(schemeSpec),
    defaultBaseUrl,
    defaultBaseUrlText:
      defaultBaseUrl === "" ? "none (the spec lists no server)" : `\`${defaultBaseUrl}\`, the spec's first server.`,
    operations,
    bound: operations.filter((o) => o.sameName).map((o) => o.fn),
    renamed: operations.filter((o) => !o.sameName),
    runtime: "",
  };
  const render = (data: typeof context) => {
    try {
      return template(data);
    } catch (error) {
      // A user's template: say which file and what handlebars found, without a stack.
      const where = templates ? path.join(templates, "client.hbs") : "templates/client.hbs";
      throw new UserError(`${where}: ${(error as Error).message.split("\n").slice(0, 3).join(" ")}`);
    }
  };
  const withoutRuntime = render(context);
  const gzip = hasGzipBase64(model) ? "\n\n" + runtimeFor("gzip-runtime.ts", "") : "";
  // With dates: the converters the operations call, and the parts of the dates runtime they use.
  const converters = dates?.declarations() ?? "";
  const datesRuntime = dates
    ? `\n\n${runtimeFor("dates-runtime.ts", `${withoutRuntime}\n${converters}`)}${converters ? `\n\n${converters}` : ""}`
    : "";
  return render({ ...context, runtime: runtimeFor("client-runtime.ts", withoutRuntime) + gzip + datesRuntime });
}

/**
 * An operation's call with dates: the input sent through `toWire` (its `Date`s as ISO strings) and
 * validated as given (a `Date` accepted, an Invalid Date refused), the success body and error bodies
 * converted. Empty when the operation has no date-time anywhere (the plain call is used).
 */
function datesCall(op: Operation, spec: string, dates: DateConverters): string {
  const wire = dates.input(op);
  const result = dates.result(op);
  const errors = dates.errors(op);
  if (!wire && !result && !errors) return "";
  const input = wire ? "toWire(input)" : "input";
  const validate = wire ? `() => ${op.names.validator.validate}(input)` : op.names.validator.validate;
  if (!result && !errors) return `send(config, ${spec}, ${input}, options, ${validate})`;
  return `sendDates(config, ${spec}, ${input}, options, ${validate}, ${result ?? "undefined"}, ${errors ?? "undefined"})`;
}

/** Whether any schema of the API is gzip data carried as base64 (the client then exports `gzipBase64`). */
function hasGzipBase64(model: ApiModel): boolean {
  const isGzip = (s: Schema): boolean =>
    (s.contentEncoding === "base64" &&
      (s.contentMediaType === "application/gzip" || s.contentMediaType === "application/x-gzip")) ||
    [
      ...(s.allOf ?? []),
      ...(s.oneOf ?? []),
      ...(s.anyOf ?? []),
      ...(s.prefixItems ?? []),
      ...(s.properties ?? []).map((p) => p.schema),
    ]
      .concat(s.items ?? [], s.additionalProperties || [])
      .some(isGzip);
  const roots = [
    ...model.schemas.map((s) => s.schema),
    ...model.operations.flatMap((op) => [
      ...op.parameters.map((p) => p.schema),
      ...(op.body?.contents ?? []).map((c) => c.schema),
    ]),
  ];
  return roots.some(isGzip);
}

/** A server URL with its variables at their defaults. */
function expandServer(server: ApiModel["servers"][number]): string {
  return server.variables.reduce((url, v) => url.split(`{${v.name}}`).join(v.default), server.url);
}

/** The error bodies of `op` by status, as a type: `{ 400: Models.X; "4XX": ...; default: ... }`. */
function errorsType(op: Operation, names: TypeNames): string {
  const errors = op.responses.filter((r) => !/^2(\d\d|XX)$/i.test(r.status));
  if (errors.length === 0) return "Record<never, never>";
  const members = errors.map((r) => {
    const key = /^\d+$/.test(r.status)
      ? r.status
      : propertyKey(r.status === "default" ? "default" : r.status.toUpperCase());
    return `${key}: ${r.contents.length === 0 ? "unknown" : contentType(r.contents, names)}`;
  });
  return `{ ${members.join("; ")} }`;
}

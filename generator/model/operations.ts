// Builds the model's operations from `paths`: parameters (path-level merged into each operation),
// request bodies and responses, with `$ref`s to shared parameters, bodies and responses followed.
import { formatLocation, UserError } from "../errors.js";
import { toPointer } from "../load/source.js";
import type { ModelContext } from "./context.js";
import { buildSchema } from "./schema.js";
import type {
  HttpMethod,
  MediaContent,
  Operation,
  Parameter,
  ParameterLocation,
  RequestBody,
  Response,
  SecurityRequirement,
} from "./types.js";
import { pathItemOperations } from "./types.js";

const LOCATIONS: ParameterLocation[] = ["path", "query", "querystring", "header", "cookie"];

type Raw = Record<string, unknown>;
type Unnamed = Omit<Operation, "names">;

export function buildOperations(ctx: ModelContext): Unnamed[] {
  const paths = (ctx.doc.paths ?? {}) as Raw;
  const operations: Unnamed[] = [];
  const firstUse = new Map<string, string>();
  for (const [path, rawItem] of Object.entries(paths)) {
    if (!path.startsWith("/")) continue; // `x-` extensions
    const item = ctx.deref<Raw>(rawItem, toPointer(["paths", path]));
    const shared = item.value.parameters;
    for (const { at, method, raw } of pathItemOperations(item.value, ctx.version)) {
      const pointer = item.pointer + toPointer(at);
      // An added operation's key is the method sent as written: it must be an HTTP token (RFC 9110).
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(method))
        throw new UserError(
          `"${method}" is not an HTTP method name (letters, digits and !#$%&'*+.^_\`|~- only): rename the operation's key`,
          ctx.locate(pointer),
        );
      const op = buildOperation(ctx, method, at.at(-1)!, path, raw as Raw, pointer, shared, item.pointer);
      const previous = firstUse.get(op.operationId);
      if (previous !== undefined) {
        throw new UserError(
          `duplicate operationId "${op.operationId}" (first used at ${formatLocation(ctx.locate(previous)).slice(0, -2)}): ` +
            "operationIds must be unique; rename one of them",
          ctx.locate(pointer + "/operationId"),
        );
      }
      firstUse.set(op.operationId, pointer + "/operationId");
      operations.push(op);
    }
  }
  return operations;
}

function buildOperation(
  ctx: ModelContext,
  method: HttpMethod,
  field: string,
  path: string,
  raw: Raw,
  pointer: string,
  shared: unknown,
  itemPointer: string,
): Unnamed {
  const operationId =
    typeof raw.operationId === "string" && raw.operationId !== "" ? raw.operationId : `${field} ${path}`;
  const parameters = mergeParameters(
    readParameters(ctx, shared, itemPointer + "/parameters"),
    readParameters(ctx, raw.parameters, pointer + "/parameters"),
  );
  checkPathTemplate(ctx, path, parameters, pointer);
  const body = raw.requestBody === undefined ? undefined : readBody(ctx, raw.requestBody, pointer + "/requestBody");
  assignKeys(parameters, body !== undefined);
  const op: Unnamed = {
    operationId,
    method,
    path,
    pointer,
    tags: Array.isArray(raw.tags) ? raw.tags.filter((t): t is string => typeof t === "string") : [],
    parameters,
    responses: readResponses(ctx, raw.responses, pointer + "/responses"),
  };
  if (typeof raw.summary === "string") op.summary = raw.summary;
  if (typeof raw.description === "string") op.description = raw.description;
  if (raw.deprecated === true) op.deprecated = true;
  if (body) op.body = body;
  if (Array.isArray(raw.security)) op.security = raw.security as SecurityRequirement[];
  return op;
}

function readParameters(ctx: ModelContext, list: unknown, pointer: string): Parameter[] {
  if (!Array.isArray(list)) return [];
  return list.map((entry, i) => {
    const { value: p, pointer: at } = ctx.deref<Raw>(entry, `${pointer}/${i}`);
    const location = p.in as ParameterLocation;
    if (!LOCATIONS.includes(location))
      throw new UserError(`parameter "${String(p.name)}" has an unknown location "${String(p.in)}"`, ctx.locate(at));
    const schema =
      p.schema !== undefined
        ? buildSchema(ctx, p.schema, at + "/schema")
        : contentSchema(ctx, p.content, at + "/content");
    const param: Parameter = {
      name: String(p.name),
      in: location,
      key: String(p.name),
      required: location === "path" || p.required === true,
      schema,
    };
    if (typeof p.description === "string") param.description = p.description;
    if (p.deprecated === true) param.deprecated = true;
    if (typeof p.style === "string") param.style = p.style;
    if (typeof p.explode === "boolean") param.explode = p.explode;
    const content =
      p.schema === undefined && typeof p.content === "object" && p.content !== null ? p.content : undefined;
    const mediaType = content ? Object.keys(content)[0] : undefined;
    if (mediaType !== undefined) param.mediaType = mediaType;
    return param;
  });
}

function contentSchema(ctx: ModelContext, content: unknown, pointer: string) {
  const first = content && typeof content === "object" ? Object.entries(content as Raw)[0] : undefined;
  if (!first) return { pointer };
  return buildSchema(ctx, (first[1] as Raw | undefined)?.schema, `${pointer}${toPointer([first[0], "schema"])}`);
}

/** Operation-level parameters override path-level ones with the same name and location. */
function mergeParameters(shared: Parameter[], own: Parameter[]): Parameter[] {
  const id = (p: Parameter) => `${p.in}\u0000${p.name}`;
  const overridden = new Set(own.map(id));
  return [...shared.filter((p) => !overridden.has(id(p))), ...own];
}

function checkPathTemplate(ctx: ModelContext, path: string, parameters: Parameter[], pointer: string) {
  const declared = new Set(parameters.filter((p) => p.in === "path").map((p) => p.name));
  for (const match of path.matchAll(/\{([^}]*)\}/g)) {
    if (!declared.has(match[1]!)) {
      const query = path.indexOf("?");
      // A query string in a path key (`/search?q={q}`, seen on APIs.guru) is not OpenAPI: say so.
      if (query >= 0 && match.index! > query)
        throw new UserError(
          `path "${path}" has a query string, which a path key cannot have: declare "${match[1]}" as a parameter \`in: query\` and remove "${path.slice(query)}" from the key`,
          ctx.locate(pointer),
        );
      throw new UserError(
        `path "${path}" has the template "{${match[1]}}" but no path parameter of that name: declare it under \`parameters\``,
        ctx.locate(pointer),
      );
    }
  }
}

/**
 * Input keys are the parameters' own names. When two would collide (a path and a query parameter both
 * called `id`, or a parameter called `body` beside a request body), path parameters keep the name and the
 * others take the suffix `_query`, `_header` or `_cookie`.
 */
function assignKeys(parameters: Parameter[], hasBody: boolean) {
  const taken = new Set<string>(hasBody ? ["body"] : []);
  const ordered = [...parameters].sort((a, b) => LOCATIONS.indexOf(a.in) - LOCATIONS.indexOf(b.in));
  for (const p of ordered) {
    let key = p.name;
    if (taken.has(key)) key = `${p.name}_${p.in}`;
    for (let n = 2; taken.has(key); n++) key = `${p.name}_${p.in}${n}`;
    p.key = key;
    taken.add(key);
  }
}

function readContents(ctx: ModelContext, content: unknown, pointer: string): MediaContent[] {
  if (!content || typeof content !== "object") return [];
  return Object.entries(content as Raw).map(([mediaType, entry]) => {
    // A Media Type Object may be a $ref (3.2's components.mediaTypes).
    const { value: media, pointer: at } = ctx.deref<Raw | undefined>(entry, `${pointer}${toPointer([mediaType])}`);
    const read: MediaContent = { mediaType, schema: buildSchema(ctx, media?.schema, `${at}/schema`) };
    // 3.2's itemSchema, or the OAI's registered x-oai-itemSchema in 3.0/3.1 documents.
    const field = ctx.version.startsWith("3.2") ? "itemSchema" : "x-oai-itemSchema";
    const item = media?.[field];
    if (item !== undefined) read.itemSchema = buildSchema(ctx, item, `${at}${toPointer([field])}`);
    return read;
  });
}

function readBody(ctx: ModelContext, raw: unknown, pointer: string): RequestBody {
  const { value, pointer: at } = ctx.deref<Raw>(raw, pointer);
  const body: RequestBody = {
    required: value.required === true,
    contents: readContents(ctx, value.content, at + "/content"),
  };
  if (typeof value.description === "string") body.description = value.description;
  return body;
}

function readResponses(ctx: ModelContext, raw: unknown, pointer: string): Response[] {
  if (!raw || typeof raw !== "object") return [];
  return Object.entries(raw as Raw)
    .filter(([status]) => !status.startsWith("x-"))
    .map(([status, entry]) => {
      const { value, pointer: at } = ctx.deref<Raw>(entry, pointer + toPointer([status]));
      const response: Response = { status, contents: readContents(ctx, value.content, at + "/content") };
      if (typeof value.description === "string") response.description = value.description;
      return response;
    });
}

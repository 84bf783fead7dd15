// query.ts (`"query": true`): the standalone operation functions of client.ts as TanStack Query v5
// options, without importing TanStack: plain objects that `useQuery`, `queryClient.fetchQuery`,
// `queryOptions()` and `useMutation` take in every adapter (React, Vue, Svelte, Solid, Angular).
// Keys start with the API's name, then the operationId, then the input, so
// `invalidateQueries({ queryKey: [api, "retrieveUser"] })` reaches every input and `[api]` the API.
import type { ApiModel, Operation } from "../model/index.js";
import { NameRegistry } from "../model/names.js";
import { SAFE_METHODS } from "../model/types.js";
import { commentText, literal } from "./escape.js";
import { header } from "./header.js";

const OWN_NAMES = [
  "API_NAME",
  "QueryOptions",
  "MutationOptions",
  "withSignal",
  "Operation",
  "queryOptions",
  "mutationOptions",
  "Models",
  "Client",
];

// Each operation's options function declares its own precise type and returns what one of the
// builders below makes, typed `never`: the user's tsc then checks no object literal, arrow function or
// structural comparison per operation (0.5 s of GitHub's 1,100 operations), only the declared types.
const OPERATION_TYPE = [
  "/** An operation's function in client.ts, as the builders below call it. */",
  "type Operation = (config: Client.ClientConfig, input: unknown, options?: Client.RequestOptions) => Promise<unknown>;",
  "",
];

const QUERY_BUILDER = [
  "/** A query's options: `call` is the operation's function; typed where each operation's options function declares them. */",
  "function queryOptions(queryKey: unknown, call: unknown, config: Client.ClientConfig, input: unknown, options: Client.RequestOptions | undefined): never {",
  "    const queryFn = ({ signal }: { signal: AbortSignal }) => (call as Operation)(config, input, withSignal(options, signal));",
  "    return { queryKey, queryFn } as never;",
  "}",
  "",
];

const MUTATION_BUILDER = [
  "/** A mutation's options: `call` is the operation's function; typed where each operation's options function declares them. */",
  "function mutationOptions(mutationKey: unknown, call: unknown, config: Client.ClientConfig, options: Client.RequestOptions | undefined): never {",
  "    const mutationFn = (input: unknown) => (call as Operation)(config, input, options);",
  "    return { mutationKey, mutationFn } as never;",
  "}",
  "",
];

const WITH_SIGNAL = [
  "/** The request options with TanStack's signal, and the caller's own signal too when it gave one. */",
  "function withSignal(options: Client.RequestOptions | undefined, signal: AbortSignal): Client.RequestOptions {",
  "    const own = options?.signal;",
  "    if (!own) return { ...options, signal };",
  "    const controller = new AbortController();",
  "    for (const each of [own, signal]) {",
  "        if (each.aborted) controller.abort(each.reason);",
  '        else each.addEventListener("abort", () => controller.abort(each.reason), { once: true });',
  "    }",
  "    return { ...options, signal: controller.signal };",
  "}",
  "",
];

/** GET and HEAD read: queries. Everything else changes something: mutations. */
function isQuery(op: Operation): boolean {
  return SAFE_METHODS.has(op.method);
}

function inputOptional(op: Operation): boolean {
  return op.parameters.every((p) => !p.required) && !op.body?.required;
}

export function emitQuery(model: ApiModel, sibling: (name: string) => string): string {
  const names = new NameRegistry(OWN_NAMES);
  const parts = model.operations.map((op) => {
    const method = op.names.method;
    const shown = `\`${commentText(op.operationId)}\` (${commentText(op.method)} ${commentText(op.path)})`;
    const input = `Models.${op.names.input}`;
    const result = `Models.${op.names.result}`;
    const optional = inputOptional(op) ? "?" : "";
    const id = literal(op.operationId);
    const call = `Client.${op.names.fn}`;
    if (isQuery(op)) {
      const keyName = names.claim(`${method}QueryKey`);
      const optionsName = names.claim(`${method}QueryOptions`);
      const key = `readonly [typeof API_NAME, ${id}, ${input}${optional ? " | undefined" : ""}]`;
      return [
        `/** The query key of ${shown} for \`input\`: \`[API_NAME, ${commentText(id)}]\` is the prefix of every input's. */`,
        `export function ${keyName}(input${optional}: ${input}): ${key} {`,
        `    return [API_NAME, ${id}, input];`,
        "}",
        "",
        "/**",
        ` * Query options of ${shown}: \`useQuery(${optionsName}(config, input))\`. TanStack's`,
        " * `signal` reaches the request, so a cancelled query aborts it.",
        " */",
        `export function ${optionsName}(config: Client.ClientConfig, input${optional}: ${input}, options?: Client.RequestOptions): QueryOptions<${key}, ${result}> {`,
        `    return queryOptions(${keyName}(input), ${call}, config, input, options);`,
        "}",
      ].join("\n");
    }
    const optionsName = names.claim(`${method}MutationOptions`);
    return [
      `/** Mutation options of ${shown}: \`useMutation(${optionsName}(config))\`, then \`mutate(input)\`. */`,
      `export function ${optionsName}(config: Client.ClientConfig, options?: Client.RequestOptions): MutationOptions<readonly [typeof API_NAME, ${id}], ${input}${optional ? " | undefined" : ""}, ${result}> {`,
      `    return mutationOptions([API_NAME, ${id}], ${call}, config, options);`,
      "}",
    ].join("\n");
  });
  return [
    header(
      model,
      "TanStack Query options for the operations, without importing TanStack: plain objects its adapters take.",
    ),
    `import * as Client from ${literal(sibling("client"))};`,
    `import type * as Models from ${literal(sibling("models"))};`,
    "",
    "/** The API's name from the config: the first element of every key, so one app can use several APIs. */",
    `export const API_NAME = ${literal(model.name)};`,
    "",
    "/** What `useQuery`, `fetchQuery` and `queryOptions()` take: a key and a function of TanStack's context. */",
    "export interface QueryOptions<Key extends readonly unknown[], Result> {",
    "    queryKey: Key;",
    "    queryFn: (context: { signal: AbortSignal }) => Promise<Result>;",
    "}",
    "",
    "/** What `useMutation` takes: a key and the function `mutate(input)` calls. */",
    "export interface MutationOptions<Key extends readonly unknown[], Input, Result> {",
    "    mutationKey: Key;",
    "    mutationFn: (input: Input) => Promise<Result>;",
    "}",
    "",
    // Only what the operations use: an API without GET or HEAD operations has no use for a signal.
    ...(model.operations.length > 0 ? OPERATION_TYPE : []),
    ...(model.operations.some(isQuery) ? [...WITH_SIGNAL, ...QUERY_BUILDER] : []),
    ...(model.operations.some((op) => !isQuery(op)) ? MUTATION_BUILDER : []),
    parts.join("\n\n"),
    "",
  ].join("\n");
}

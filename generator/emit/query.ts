// query.ts (`"query": true`): the standalone operation functions of client.ts as TanStack Query v5
// options, without importing TanStack: plain objects that `useQuery`, `queryClient.fetchQuery`,
// `queryOptions()` and `useMutation` take in every adapter (React, Vue, Svelte, Solid, Angular).
// Keys start with the API's name, then the operationId, then the input, so
// `invalidateQueries({ queryKey: [api, "retrieveUser"] })` reaches every input and `[api]` the API.
import type { ApiModel, Operation } from "../model/index.js";
import { NameRegistry } from "../model/names.js";
import { commentText, literal } from "./escape.js";
import { header } from "./header.js";

const OWN_NAMES = ["API_NAME", "QueryOptions", "MutationOptions", "withSignal", "Models", "Client"];

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
  return op.method === "get" || op.method === "head";
}

function inputOptional(op: Operation): boolean {
  return op.parameters.every((p) => !p.required) && !op.body?.required;
}

export function emitQuery(model: ApiModel, sibling: (name: string) => string): string {
  const names = new NameRegistry(OWN_NAMES);
  const parts = model.operations.map((op) => {
    const method = op.names.method;
    const shown = `\`${commentText(op.operationId)}\` (${op.method.toUpperCase()} ${commentText(op.path)})`;
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
        "    return {",
        `        queryKey: ${keyName}(input),`,
        `        queryFn: ({ signal }) => ${call}(config, input, withSignal(options, signal)),`,
        "    };",
        "}",
      ].join("\n");
    }
    const optionsName = names.claim(`${method}MutationOptions`);
    return [
      `/** Mutation options of ${shown}: \`useMutation(${optionsName}(config))\`, then \`mutate(input)\`. */`,
      `export function ${optionsName}(config: Client.ClientConfig, options?: Client.RequestOptions): MutationOptions<readonly [typeof API_NAME, ${id}], ${input}${optional ? " | undefined" : ""}, ${result}> {`,
      "    return {",
      `        mutationKey: [API_NAME, ${id}],`,
      `        mutationFn: (input${optional}: ${input}) => ${call}(config, input, options),`,
      "    };",
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
    // Only queries pass a signal on: an API without GET or HEAD operations has no use for it.
    ...(model.operations.some(isQuery) ? WITH_SIGNAL : []),
    parts.join("\n\n"),
    "",
  ].join("\n");
}

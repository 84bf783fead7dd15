// Compares two models of an API: operations matched by method and path template, then each one's
// parameters, body, responses and security, and the API's servers and security schemes. Schemas are
// compared by schemas.ts; components whose whole graph is unchanged are skipped without a walk.
import { findRefs } from "../load/refs.js";
import type { ApiModel, MediaContent, Operation, Parameter, Schema, SecurityRequirement } from "../model/index.js";
import { componentName } from "../model/schema.js";
import { type FoundChange, member, type Side, shown } from "./changes.js";
import { type Components, SchemaDiff } from "./schemas.js";

/** Every change from `old` to `now`, breaking first, each group in the new spec's order. */
export function diffModels(old: ApiModel, now: ApiModel): FoundChange[] {
  const components: Components = {
    old: new Map(old.schemas.map((s) => [s.name, s.schema])),
    new: new Map(now.schemas.map((s) => [s.name, s.schema])),
    unchanged: unchangedComponents(old, now),
  };
  const schemas = new SchemaDiff(components);
  const out: FoundChange[] = [];
  diffServers(old, now, out);
  diffSchemes(old, now, out);
  const key = (op: Operation) => `${op.method} ${op.path.replace(/\{[^}]*\}/g, "{}")}`;
  const before = new Map(old.operations.map((op) => [key(op), op]));
  const matched = new Set<Operation>();
  for (const op of now.operations) {
    const was = before.get(key(op));
    const shownOp = `${op.method} ${op.path}`;
    if (!was) {
      out.push(change("compatible", op.names.method, `operation added (${shownOp})`, op.pointer, "new"));
      continue;
    }
    matched.add(was);
    if (was.operationId !== op.operationId) {
      // The operationId names the method and function, and is what `isApiError(error, id, status)` takes.
      const methods = was.names.method === op.names.method ? "" : `; ${was.names.method}() is now ${op.names.method}()`;
      out.push(
        change(
          "breaking",
          was.names.method,
          `operationId ${shown(was.operationId)} -> ${shown(op.operationId)} (${shownOp}${methods})`,
          `${op.pointer}/operationId`,
          "new",
        ),
      );
    }
    new OperationDiff(schemas, old, now, was, op, out).run();
  }
  for (const op of old.operations) {
    if (matched.has(op)) continue;
    const shownOp = `${op.method} ${op.path}`;
    out.push(change("breaking", op.names.method, `operation removed (${shownOp})`, op.pointer, "old"));
  }
  return [...out.filter((c) => c.severity === "breaking"), ...out.filter((c) => c.severity === "compatible")];
}

function change(
  severity: FoundChange["severity"],
  where: string,
  message: string,
  pointer: string,
  version: "old" | "new",
): FoundChange {
  return { severity, where, message, pointer, in: version };
}

class OperationDiff {
  private readonly id: string;
  constructor(
    private readonly schemas: SchemaDiff,
    private readonly oldModel: ApiModel,
    private readonly newModel: ApiModel,
    private readonly o: Operation,
    private readonly n: Operation,
    private readonly out: FoundChange[],
  ) {
    // Where users meet the operation: the client's method (the operationId, as an identifier).
    this.id = n.names.method;
  }

  run(): void {
    if (!this.o.deprecated && this.n.deprecated)
      this.out.push(change("compatible", this.id, "operation deprecated", `${this.n.pointer}/deprecated`, "new"));
    this.parameters();
    this.body();
    this.responses();
    this.security();
  }

  private parameters(): void {
    // Header names are case-insensitive.
    const id = (p: Parameter) => `${p.in}.${p.in === "header" ? p.name.toLowerCase() : p.name}`;
    const pointer = (p: Parameter) => p.schema.pointer.replace(/\/(schema|content\/.*)$/, "");
    const before = new Map(this.o.parameters.map((p) => [id(p), p]));
    const after = new Set(this.n.parameters.map(id));
    for (const p of this.n.parameters) {
      const where = `${this.id} ${member(p.in, p.name)}`;
      const was = before.get(id(p));
      if (!was) {
        this.out.push(
          change(
            p.required ? "breaking" : "compatible",
            where,
            `${p.required ? "required" : "optional"} parameter added`,
            pointer(p),
            "new",
          ),
        );
        continue;
      }
      if (was.required !== p.required) {
        this.out.push(
          change(
            p.required ? "breaking" : "compatible",
            where,
            p.required ? "optional -> required" : "required -> optional",
            pointer(p),
            "new",
          ),
        );
      }
      if (!was.deprecated && p.deprecated) this.out.push(change("compatible", where, "deprecated", pointer(p), "new"));
      const style = (q: Parameter) =>
        `${q.style ?? "default"}${q.explode === undefined ? "" : `, explode ${q.explode}`}`;
      if (style(was) !== style(p)) {
        this.out.push(change("compatible", where, `serialized as ${style(was)} -> ${style(p)}`, pointer(p), "new"));
      }
      this.schemas.compare(was.schema, p.schema, "request", where, this.out);
    }
    for (const p of this.o.parameters) {
      if (after.has(id(p))) continue;
      this.out.push(change("breaking", `${this.id} ${member(p.in, p.name)}`, "parameter removed", pointer(p), "old"));
    }
  }

  private body(): void {
    const { o, n } = this;
    const where = `${this.id} body`;
    if (!o.body && !n.body) return;
    if (!n.body) {
      this.out.push(change("breaking", where, "request body removed", `${o.pointer}/requestBody`, "old"));
      return;
    }
    if (!o.body) {
      const required = n.body.required;
      this.out.push(
        change(
          required ? "breaking" : "compatible",
          where,
          `${required ? "required" : "optional"} request body added`,
          `${n.pointer}/requestBody`,
          "new",
        ),
      );
      return;
    }
    if (o.body.required !== n.body.required) {
      this.out.push(
        change(
          n.body.required ? "breaking" : "compatible",
          where,
          n.body.required ? "optional -> required" : "required -> optional",
          `${n.pointer}/requestBody`,
          "new",
        ),
      );
    }
    this.contents(o.body.contents, n.body.contents, "request", where, `${n.pointer}/requestBody`);
  }

  /** Media types matched by name; each matched pair's schemas compared. */
  private contents(before: MediaContent[], after: MediaContent[], side: Side, where: string, at: string): void {
    const several = before.length > 1 || after.length > 1;
    for (const media of after) {
      const was = before.find((m) => m.mediaType === media.mediaType);
      if (!was) {
        // A new request media type is one more the server takes; a new response media type is one more
        // the client may receive.
        const severity = side === "request" || before.length === 0 ? "compatible" : "breaking";
        this.out.push(change(severity, where, `media type ${media.mediaType} added`, at, "new"));
        continue;
      }
      const found: FoundChange[] = [];
      this.schemas.compare(was.schema, media.schema, side, where, found);
      for (const c of found) this.out.push(several ? { ...c, message: `${c.message} [${media.mediaType}]` } : c);
    }
    for (const media of before) {
      if (after.some((m) => m.mediaType === media.mediaType)) continue;
      this.out.push(change("breaking", where, `media type ${media.mediaType} removed`, media.schema.pointer, "old"));
    }
  }

  private responses(): void {
    const { o, n } = this;
    const success = (status: string) => status.startsWith("2");
    for (const response of n.responses) {
      const was = o.responses.find((r) => r.status === response.status);
      const where = `${this.id} ${response.status}`;
      const at = `${n.pointer}/responses/${response.status}`;
      if (!was) {
        // A new success answer with a body of its own widens the result type; an error status is one more
        // that `isApiError` can narrow.
        const known = o.responses.filter((r) => success(r.status)).flatMap((r) => r.contents.map(schemaKey));
        const widens = success(response.status) && response.contents.some((c) => !known.includes(schemaKey(c)));
        this.out.push(
          change(
            widens ? "breaking" : "compatible",
            where,
            widens ? "response status added, with a body the result type did not have" : "response status added",
            at,
            "new",
          ),
        );
        continue;
      }
      if (was.contents.length > 0 && response.contents.length === 0) {
        this.out.push(change("breaking", `${where} body`, "response body removed", at, "new"));
        continue;
      }
      if (was.contents.length === 0 && response.contents.length > 0) {
        this.out.push(change("breaking", `${where} body`, "response body added where there was none", at, "new"));
        continue;
      }
      this.contents(was.contents, response.contents, "response", `${where} body`, at);
    }
    for (const response of o.responses) {
      if (n.responses.some((r) => r.status === response.status)) continue;
      this.out.push(
        change(
          "breaking",
          `${this.id} ${response.status}`,
          "response status removed",
          `${o.pointer}/responses/${response.status}`,
          "old",
        ),
      );
    }
  }

  /** Requirements are alternatives: losing one refuses its callers, gaining one refuses nobody. */
  private security(): void {
    const alternatives = (model: ApiModel, op: Operation) =>
      (op.security ?? model.security).map((requirement) => requirementText(requirement));
    const before = alternatives(this.oldModel, this.o);
    const after = alternatives(this.newModel, this.n);
    const where = `${this.id} security`;
    const at = `${this.n.pointer}/security`;
    const open = (list: string[]) => list.length === 0 || list.includes("none");
    if (open(before) && !open(after)) {
      this.out.push(change("breaking", where, `authentication now required (${after.join(" or ")})`, at, "new"));
      return;
    }
    if (!open(before) && open(after)) {
      this.out.push(change("compatible", where, "authentication no longer required", at, "new"));
      return;
    }
    for (const text of before)
      if (!after.includes(text)) this.out.push(change("breaking", where, `${text} no longer accepted`, at, "new"));
    for (const text of after)
      if (!before.includes(text)) this.out.push(change("compatible", where, `${text} also accepted`, at, "new"));
  }
}

function requirementText(requirement: SecurityRequirement): string {
  const entries = Object.entries(requirement).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return "none";
  return entries
    .map(([name, scopes]) => (scopes.length > 0 ? `${name} (${[...scopes].sort().join(", ")})` : name))
    .join(" + ");
}

/** What identifies a body's type for the result union: its component, or its text. */
function schemaKey(content: MediaContent): string {
  const s: Schema = content.schema;
  return s.ref !== undefined ? `#${s.ref}` : JSON.stringify(s, (k, v) => (k === "pointer" ? undefined : v));
}

function diffServers(old: ApiModel, now: ApiModel, out: FoundChange[]): void {
  const first = (m: ApiModel) => m.servers[0]?.url;
  if (first(old) !== first(now)) {
    out.push(
      change(
        "compatible",
        "servers",
        `default server ${shown(first(old))} -> ${shown(first(now))} (createClient's default baseUrl)`,
        "/servers",
        first(now) === undefined ? "old" : "new",
      ),
    );
  }
  const urls = (m: ApiModel) => m.servers.map((s) => s.url);
  for (const url of urls(old).slice(1))
    if (!urls(now).includes(url)) out.push(change("compatible", "servers", `server ${url} removed`, "/servers", "old"));
  for (const url of urls(now).slice(1))
    if (!urls(old).includes(url)) out.push(change("compatible", "servers", `server ${url} added`, "/servers", "new"));
}

/** A scheme of the same name that now works otherwise changes `createClient`'s `auth` option. */
function diffSchemes(old: ApiModel, now: ApiModel, out: FoundChange[]): void {
  const describe = (s: ApiModel["securitySchemes"][number]) =>
    s.type === "http" ? `http ${s.scheme}` : s.type === "apiKey" ? `apiKey in ${s.in} "${s.paramName}"` : s.type;
  for (const scheme of now.securitySchemes) {
    const was = old.securitySchemes.find((s) => s.name === scheme.name);
    if (!was || describe(was) === describe(scheme)) continue;
    out.push(
      change(
        "breaking",
        `security ${scheme.name}`,
        `${describe(was)} -> ${describe(scheme)}`,
        `/components/securitySchemes/${scheme.name.replace(/~/g, "~0").replace(/\//g, "~1")}`,
        "new",
      ),
    );
  }
}

/**
 * The component schemas whose text, and the text of every component they reach, is the same in both
 * documents: comparing them cannot find a change, so the walk skips them (GitHub's spec has 900).
 */
function unchangedComponents(old: ApiModel, now: ApiModel): Set<string> {
  const unchanged = new Set<string>();
  if (old.openapiVersion.slice(0, 3) !== now.openapiVersion.slice(0, 3)) return unchanged;
  const raw = (m: ApiModel) =>
    ((m.document.components ?? {}) as { schemas?: Record<string, unknown> }).schemas ?? ({} as Record<string, unknown>);
  const rawOld = raw(old);
  const rawNew = raw(now);
  const tags = (schema: Schema) =>
    (schema.tags ?? [])
      .flatMap((t) => t.values.map((v) => `${t.propertyName}=${v}`))
      .sort()
      .join("\0");
  const tagsOld = new Map(old.schemas.map((s) => [s.name, tags(s.schema)]));
  const dirty: string[] = [];
  const users = new Map<string, string[]>();
  for (const named of now.schemas) {
    const { name } = named;
    const text = JSON.stringify(rawNew[name]);
    let same = Object.hasOwn(rawOld, name) && text === JSON.stringify(rawOld[name]);
    same &&= tagsOld.get(name) === tags(named.schema);
    for (const { ref } of findRefs(rawNew[name])) {
      const target = typeof ref === "string" ? componentName(ref) : undefined;
      // A ref to anything but a component (bundling makes these) is compared, never skipped.
      if (target === undefined) same = false;
      else {
        const list = users.get(target);
        if (list) list.push(name);
        else users.set(target, [name]);
      }
    }
    if (same) unchanged.add(name);
    else dirty.push(name);
  }
  for (const name of Object.keys(rawOld)) if (!Object.hasOwn(rawNew, name)) dirty.push(name);
  // Whatever reaches a changed component has changed.
  for (let i = 0; i < dirty.length; i++) {
    for (const user of users.get(dirty[i]!) ?? []) {
      if (unchanged.delete(user)) dirty.push(user);
    }
  }
  return unchanged;
}

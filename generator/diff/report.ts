// The three ways `specforge diff` prints its findings: a readable list, Markdown for a pull-request
// comment, and JSON (`{ apis: [{ name, changes: [{ severity, where, message, location }] }] }`).
import type { ApiDiff } from "./index.js";

export type DiffFormat = "text" | "markdown" | "json";
export const DIFF_FORMATS: readonly DiffFormat[] = ["text", "markdown", "json"];

export function formatDiff(apis: ApiDiff[], format: DiffFormat): string {
  if (format === "json") return JSON.stringify({ apis }, null, 2) + "\n";
  if (format === "markdown") return apis.map(markdown).join("\n");
  return apis.map(text).join("");
}

function counts(api: ApiDiff): string {
  const breaking = api.changes.filter((c) => c.severity === "breaking").length;
  const compatible = api.changes.length - breaking;
  if (api.changes.length === 0) return "no changes";
  return `${breaking} breaking, ${compatible} compatible`;
}

/** One line a change, located first, as compilers print: editors and terminals open the place. */
function text(api: ApiDiff): string {
  const lines = [`${api.name}: ${counts(api)}`];
  for (const c of api.changes) {
    lines.push(`  ${c.location ? `${c.location}: ` : ""}${c.severity}: ${c.where}: ${c.message}`);
  }
  return lines.join("\n") + "\n";
}

function markdown(api: ApiDiff): string {
  const out = [`## ${md(api.name)}`, "", api.changes.length === 0 ? "No changes." : `${counts(api)}.`];
  for (const severity of ["breaking", "compatible"] as const) {
    const changes = api.changes.filter((c) => c.severity === severity);
    if (changes.length === 0) continue;
    out.push("", `### ${severity === "breaking" ? "Breaking" : "Compatible"} (${changes.length})`, "");
    out.push("| Where | Change | Location |", "| --- | --- | --- |");
    for (const c of changes) out.push(`| ${md(c.where)} | ${md(c.message)} | ${md(c.location ?? "")} |`);
  }
  return out.join("\n") + "\n";
}

/** Spec text in Markdown: no HTML tags or entities, no formatting, no table breaks. */
function md(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`)
    .replace(/[\r\n]+/g, " ");
}

// Model-stage units: build the model straight from spec text (YAML or JSON), parsed with source
// positions but not validated or bundled, so each table row costs microseconds, not a generation.
import { DEFAULT_LIMITS, parseSource } from "../../generator/load/source.js";
import { type ApiModel, buildModel } from "../../generator/model/index.js";

/** The model of a spec given as text or as an object; messages locate in `spec.yaml`. */
export function modelOf(spec: string | Record<string, unknown>): ApiModel {
  const text = typeof spec === "string" ? spec : JSON.stringify(spec, null, 2);
  const root = parseSource("spec.yaml", text, DEFAULT_LIMITS);
  const document = root.value as Record<string, unknown>;
  const version = String(document.openapi ?? "3.0.3");
  return buildModel(
    {
      file: "/spec.yaml",
      display: "spec.yaml",
      document,
      root,
      version,
      sourceVersion: version,
      warnings: [],
      inputs: undefined,
    },
    "t",
  );
}

/** An OpenAPI document with the given component schemas and paths. */
export function doc(
  schemas: Record<string, unknown>,
  paths: Record<string, unknown> = {},
  version = "3.0.3",
): Record<string, unknown> {
  return { openapi: version, info: { title: "t", version: "1" }, paths, components: { schemas } };
}

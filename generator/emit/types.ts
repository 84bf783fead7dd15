// types.ts: openapi-typescript's `paths`, `components` and `operations`, from the bundled document.
import openapiTS, { astToString } from "openapi-typescript";
import type { ApiModel } from "../model/index.js";
import { header } from "./header.js";

export async function emitTypes(model: ApiModel): Promise<string> {
  // openapi-typescript may rewrite what it is given; it gets its own copy.
  const ast = await openapiTS(structuredClone(model.document) as never, { silent: true });
  return header(model, "Raw types of the API, by openapi-typescript: `paths`, `components`, `operations`.") + "\n" + astToString(ast);
}

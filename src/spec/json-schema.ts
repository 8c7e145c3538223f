import { toJSONSchema } from "zod/mini";
import { stackSpec } from "./schema.js";

/** The JSON Schema of spec files, from the zod declaration; apart from schema.ts so only `schema` loads it. */
export function stackJsonSchema(): unknown {
  return toJSONSchema(stackSpec, { io: "input" });
}

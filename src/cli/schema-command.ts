import { UsageError } from "../errors.js";
import type { ParsedArgs } from "./argv.js";
import type { CliContext } from "./context.js";
import type { Io } from "./io.js";

/** `create-dagger-stack schema`: the JSON Schema of spec files, for editors and `$schema`. */
export async function runSchema(_ctx: CliContext, parsed: ParsedArgs, io: Io): Promise<number> {
  if (parsed.positionals.length > 0 || parsed.values.length > 0 || Object.keys(parsed.switches).length > 0) {
    throw new UsageError({
      path: "schema",
      message: "takes no folder or options",
      hint: "create-dagger-stack schema > stack.schema.json; to create a stack in a folder named schema, write ./schema",
    });
  }
  const { stackJsonSchema } = await import("../spec/json-schema.js");
  io.print(JSON.stringify(stackJsonSchema(), null, 2));
  return 0;
}

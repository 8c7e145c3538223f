import { toolVersion } from "../version.js";
import { type ParsedArgs, parseArgv } from "./argv.js";
import type { CliContext } from "./context.js";
import { reportError } from "./exit-codes.js";
import { helpFor } from "./help.js";
import { createIo, type Io } from "./io.js";
import { checkSwallowedFlags } from "./npm-flags.js";
import type { CommandName } from "./options/table.js";

/**
 * The CLI: argv and streams in, an exit code out. Each command's module (and what it pulls in: the spec,
 * planners, templates, ts-morph for add) is imported only when that command runs.
 */
type Command = (ctx: CliContext, parsed: ParsedArgs, io: Io) => Promise<number>;

const COMMANDS: Readonly<Record<CommandName, () => Promise<Command>>> = {
  create: async () => (await import("./create/run.js")).runCreate,
  add: async () => (await import("./add/run.js")).runAdd,
  migrate: async () => (await import("./migrate/run.js")).runMigrate,
  schema: async () => (await import("./schema-command.js")).runSchema,
};

export async function main(ctx: CliContext): Promise<number> {
  const io = createIo(ctx);
  try {
    return await dispatch(ctx, io);
  } catch (error) {
    return reportError(error, io);
  }
}

async function dispatch(ctx: CliContext, io: Io): Promise<number> {
  const parsed = parseArgv(ctx.argv);
  if (parsed.switches.help) return print(io, helpFor(parsed.command, toolVersion(), io.colors));
  if (parsed.switches.version) return print(io, toolVersion());
  checkSwallowedFlags(ctx.env, parsed, ctx.argv);
  const command = await COMMANDS[parsed.command]();
  return command(ctx, parsed, io);
}

function print(io: Io, text: string): number {
  io.print(text);
  return 0;
}

import { toolVersion } from "../version.js";
import { type ParsedArgs, parseArgv } from "./argv.js";
import type { CliContext } from "./context.js";
import { reportError } from "./exit-codes.js";
import { helpFor } from "./help.js";
import { createIo, type Io } from "./io.js";
import { checkSwallowedFlags } from "./npm-flags.js";
import type { CommandName } from "./options/table.js";

/**
 * The CLI: argv and streams in, an exit code out. The commands (and what they pull in: the spec, planners,
 * templates) are imported only when one runs, so --help and --version load none of it; ts-morph only
 * when add plans.
 */
type Command = (ctx: CliContext, parsed: ParsedArgs, io: Io) => Promise<number>;

const COMMANDS: Readonly<Record<CommandName, () => Promise<Command>>> = {
  create: async () => (await import("./commands.js")).runCreate,
  add: async () => (await import("./commands.js")).runAdd,
  schema: async () => (await import("./commands.js")).runSchema,
  migrate: async () => (await import("./migrate/run.js")).runMigrate,
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

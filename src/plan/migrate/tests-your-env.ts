import type { FileReport } from "../../readers/report.js";
import { render } from "../../render/templates.js";
import { typeScriptNames } from "../../render/typescript/names.js";
import { type EnvPlan, typeScriptEntries, usesUrlPart } from "./tests-env.js";
import { WIRING_HEADER, WIRING_PATHS, type WiringContext } from "./tests-model.js";

/** tests/stack/your-env.ts: the variables the user's tests read, from the running stack (Vitest and Jest). */
export function writeYourEnv(context: WiringContext, env: EnvPlan): FileReport & { file: string } {
  const view = {
    header: WIRING_HEADER.typescript,
    urlsType: typeScriptNames(context.stack).urlsType,
    entries: typeScriptEntries(env.entries),
    usesUrlPart: usesUrlPart(env.entries),
  };
  context.tree.write(WIRING_PATHS.yourEnv, render("typescript/migrate/your-env.ts.hbs", view), "generated");
  return { file: WIRING_PATHS.yourEnv, status: "created", note: envNote(env) };
}

/** `DATABASE_URL ← db's host URL; PGPORT ← db's port`. */
export function envNote(env: EnvPlan): string {
  return env.entries
    .map(
      ({ variable, service, part }) =>
        `${variable} ← ${service.name}'s ${part === "url" ? "host URL" : part}`,
    )
    .join("; ");
}

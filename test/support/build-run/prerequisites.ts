import type { Language } from "../../../src/spec/model.js";
import { defaultSchemaPath, schemaAvailable } from "../engine/index.js";
import { realServicesAvailable } from "../services/index.js";
import { languageHook } from "./languages/index.js";

/** Why build-runs cannot run here at all (no Dagger schema for the stand-in), or undefined. */
export function standInProblem(): string | undefined {
  return schemaAvailable()
    ? undefined
    : `the Dagger schema the engine stand-in validates against is missing (${defaultSchemaPath()})`;
}

/** Why the real servers the generated tests need are missing (then every test would be excluded), or undefined. */
export function realServersProblem(): string | undefined {
  return realServicesAvailable().reason;
}

/** Why the build-run suite skips here, or undefined: it needs the stand-in's schema and the real servers. */
export function buildRunSkipReason(): string | undefined {
  return standInProblem() ?? realServersProblem();
}

/** Why build-runs of `language` skip here: the general reasons, or the language's missing toolchain. */
export async function languageSkipReason(language: Language): Promise<string | undefined> {
  return buildRunSkipReason() ?? (await languageHook(language).missing());
}

import type { KeyReport } from "../readers/report.js";
import { DROPPED_KEYS, DROPPED_WORKFLOW_KEYS, extensionKeyReason, UNKNOWN_KEY } from "./dropped-keys.js";
import {
  build,
  command,
  configs,
  dependsOn,
  entrypoint,
  envFile,
  environment,
  expose,
  extendsKey,
  healthcheck,
  image,
  type KeyInput,
  links,
  networks,
  ports,
  profiles,
  runAs,
  secrets,
  tmpfs,
  volumes,
  workdir,
  workflowOptions,
} from "./key-handlers.js";
import type { Verdict } from "./model.js";

/**
 * Every top-level key of a service gets exactly one report entry: converted by its handler, or dropped
 * with the reason the tables give. A key nobody planned for is dropped with a generic reason, never
 * passed over.
 */
type KeyHandler = (input: KeyInput) => Verdict;

const COMPOSE_HANDLERS: Readonly<Record<string, KeyHandler>> = {
  image,
  build,
  command,
  entrypoint,
  working_dir: workdir,
  user: runAs,
  environment,
  env_file: envFile,
  ports,
  expose,
  volumes,
  tmpfs,
  healthcheck,
  depends_on: dependsOn,
  profiles,
  extends: extendsKey,
  secrets,
  configs,
  networks,
  links,
};

const WORKFLOW_HANDLERS: Readonly<Record<string, KeyHandler>> = {
  image,
  env: environment,
  ports,
  volumes,
  options: workflowOptions,
};

export function reportKeys(input: KeyInput): KeyReport[] {
  const workflow = input.plan.source.origin === "github-actions";
  return input.plan.source.keys.map((key): KeyReport => {
    const handler = (workflow ? WORKFLOW_HANDLERS : COMPOSE_HANDLERS)[key];
    if (handler) return { key, ...handler({ ...input, key }) };
    const reason = (workflow ? DROPPED_WORKFLOW_KEYS : DROPPED_KEYS)[key] ?? extensionKeyReason(key);
    return { key, status: "dropped", note: reason ?? UNKNOWN_KEY };
  });
}

import {
  APT_LISTS,
  type BuilderModel,
  type Origin,
  PIP_CACHE,
  pipInstallArgs,
  type Step,
  type Value,
} from "../../plan/builder-steps.js";
import { namesOf } from "../../spec/names.js";
import { tsString, wrapText } from "../escape.js";

/** Turns a builder model into the lines of a TypeScript method chain on `this.dag`. */
export function chainLines(model: BuilderModel): string[] {
  return [...originLines(model.origin), ...model.steps.flatMap(stepLines)];
}

function originLines(origin: Origin): string[] {
  const comment = commentLines(origin.comment);
  if (origin.from === "image") return [".container()", ...comment, `.from(${value(origin.image)})`];
  return [
    ".host()",
    `.directory(hostPath(${value(origin.context)}), { exclude: ["node_modules", ".git"] })`,
    ...comment,
    `.dockerBuild({ ${property("dockerfile", origin.dockerfile)} })`,
  ];
}

/** `name: value`, or the shorthand `name` when the value is the local of the same name. */
function property(name: string, input: Value): string {
  return input.type === "config" && input.field === name ? name : `${name}: ${value(input)}`;
}

function stepLines(step: Step): string[] {
  return [...commentLines(step.comment), ...callsFor(step)];
}

function callsFor(step: Step): string[] {
  switch (step.op) {
    case "aptInstall":
      return [
        `.withMountedCache(${tsString(APT_LISTS)}, this.dag.cacheVolume("apt-lists"), { sharing: CacheSharingMode.Locked })`,
        `.withExec(${stringArray(["sh", "-c", 'apt-get update && apt-get install -y --no-install-recommends "$@"', "sh", ...step.packages])})`,
        `.withoutMount(${tsString(APT_LISTS)})`,
      ];
    case "pipInstall":
      return [
        `.withMountedCache(${tsString(PIP_CACHE)}, this.dag.cacheVolume("pip-cache"))`,
        `.withExec(${stringArray(pipInstallArgs(step))})`,
        `.withoutMount(${tsString(PIP_CACHE)})`,
      ];
    case "portReadiness":
      return [".withoutDockerHealthcheck()"];
    case "env":
      return [`.withEnvVariable(${tsString(step.name)}, ${value(step.value)})`];
    case "secretEnv":
      return [
        `.withSecretVariable(${tsString(step.name)}, this.secret(${tsString(step.secretName)}, ${value(step.value)}))`,
      ];
    case "hostSecretEnv":
      return [
        `.withSecretVariable(${tsString(step.name)}, this.dag.secret(${tsString(`env://${step.variable}`)}))`,
      ];
    case "bind":
      return [
        `.withServiceBinding(${tsString(step.alias)}, this.service(${tsString(namesOf(step.service).camel)}))`,
      ];
    case "mount":
      return [
        `.withMountedDirectory(${tsString(step.target)}, this.dag.host().directory(hostPath(${tsString(step.source)})))`,
      ];
    case "args":
      return [`.withDefaultArgs(${stringArray(step.args)})`];
    case "expose":
      return [`.withExposedPort(${value(step.port)})`];
  }
}

function value(input: Value): string {
  switch (input.type) {
    case "text":
      return tsString(input.text);
    case "config":
      return input.field;
    case "internalUrl":
      return `this.internalUrl(${tsString(namesOf(input.service).camel)})`;
  }
}

function stringArray(items: readonly string[]): string {
  return `[${items.map(tsString).join(", ")}]`;
}

/** Chain lines sit 6 spaces deep in the generated method; comments wrap to stay within 110 columns. */
function commentLines(comment: string | undefined): string[] {
  return comment ? wrapText(comment, 100).map((line) => `// ${line}`) : [];
}

export function usesCacheSharing(models: readonly BuilderModel[]): boolean {
  return models.some((model) => model.steps.some((step) => step.op === "aptInstall"));
}

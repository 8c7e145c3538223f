import {
  APT_LISTS,
  type BuilderModel,
  type HealthcheckArgs,
  type Origin,
  PIP_CACHE,
  pipInstallArgs,
  type Step,
  type Value,
} from "../../plan/builder-steps.js";
import { namesOf } from "../../spec/names.js";
import { tsLiteral, tsString, wrapText } from "../escape.js";

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
    `.dockerBuild(${dockerBuildOptions(origin)})`,
  ];
}

function dockerBuildOptions(origin: Extract<Origin, { from: "dockerfile" }>): string {
  const options = [property("dockerfile", origin.dockerfile)];
  if (origin.buildArgs.length > 0) options.push(`buildArgs: ${tsLiteral(origin.buildArgs)}`);
  if (origin.target !== undefined) options.push(`target: ${tsString(origin.target)}`);
  return `{ ${options.join(", ")} }`;
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
    case "healthcheck":
      return [`.withDockerHealthcheck(${stringArray(step.check.args)}, ${healthcheckOptions(step.check)})`];
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
        `.withMountedDirectory(${tsString(step.target)}, this.dag.host().directory(hostPath(${tsString(step.source)}))${ownerOption(step.owner)})`,
      ];
    case "fileMount":
      return [
        `.withMountedFile(${tsString(step.target)}, this.dag.host().file(hostPath(${tsString(step.source)}))${ownerOption(step.owner)})`,
      ];
    case "cacheMount":
      return [
        `.withMountedCache(${tsString(step.target)}, this.dag.cacheVolume(${tsString(step.cache)})${ownerOption(step.owner)})`,
      ];
    case "tmpfs":
      return [`.withMountedTemp(${tsString(step.target)})`];
    case "workdir":
      return [`.withWorkdir(${tsString(step.path)})`];
    case "user":
      return [`.withUser(${tsString(step.name)})`];
    case "entrypoint":
      return [`.withEntrypoint(${stringArray(step.args)})`];
    case "args":
      return [`.withDefaultArgs(${stringArray(step.args)})`];
    case "expose":
      return [`.withExposedPort(${value(step.port)}${exposeOptions(step)})`];
  }
}

function ownerOption(owner: string | undefined): string {
  return owner === undefined ? "" : `, { owner: ${tsString(owner)} }`;
}

function exposeOptions(step: Extract<Step, { op: "expose" }>): string {
  const options = [
    ...(step.protocol === "udp" ? ["protocol: NetworkProtocol.Udp"] : []),
    ...(step.skipHealthcheck ? ["experimentalSkipHealthcheck: true"] : []),
  ];
  return options.length > 0 ? `, { ${options.join(", ")} }` : "";
}

/** `{ shell: true, interval: "10s", retries: 5 }`: only what the spec sets, so the engine's defaults apply. */
function healthcheckOptions(check: HealthcheckArgs): string {
  const { args: _args, shell, ...timing } = check;
  return tsLiteral({ ...(shell ? { shell } : {}), ...timing });
}

function value(input: Value): string {
  switch (input.type) {
    case "text":
      return tsString(input.text);
    case "number":
      return String(input.value);
    case "config":
      return input.field;
    case "serviceConfig": {
      const read = `this.config.services.${namesOf(input.service).camel}.${input.field}`;
      return input.field === "port" ? `String(${read})` : read;
    }
    case "internalUrl":
      return `this.internalUrl(${tsString(namesOf(input.service).camel)})`;
    case "stackSecret":
      return `this.config.secrets.${input.name}`;
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

export function usesUdp(models: readonly BuilderModel[]): boolean {
  return models.some((model) => model.steps.some((step) => step.op === "expose" && step.protocol === "udp"));
}

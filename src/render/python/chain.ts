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
import { type NormalizedStack, serviceByName } from "../../spec/model.js";
import { pyFormattedString } from "../escape.js";
import { atom, call, comment, kw, layout, list, type PyArg, type PyExpr, str, strList } from "./layout.js";
import { fieldName } from "./names.js";

/**
 * Turns a builder model into the lines of a Python method chain on `dag`, from the same language-neutral
 * steps the TypeScript chain is rendered from. Every element is one line (or one split call), with the
 * step's comment above it, inside the parentheses of `return (...)`.
 */
export function chainLines(stack: NormalizedStack, model: BuilderModel, indent: number): string[] {
  const value = valueRenderer(stack, model);
  const element = (expr: PyExpr) => layout(expr, indent);
  const origin = originLines(model.origin, value, indent);
  const steps = model.steps.flatMap((step) => [
    ...comment(step.comment, indent),
    ...callsFor(step, value).flatMap(element),
  ]);
  return [...origin, ...steps];
}

/** Folders a Dockerfile build never needs from the host: keeps uploads small and the cache warm. */
export const BUILD_CONTEXT_EXCLUDE = [".git", ".venv", "__pycache__", ".pytest_cache", "node_modules"];

function originLines(origin: Origin, value: (input: Value) => PyExpr, indent: number): string[] {
  const pad = " ".repeat(indent);
  const note = comment(origin.comment, indent);
  if (origin.from === "image") {
    return [`${pad}self.dag.container()`, ...note, ...layout(call(".from_", value(origin.image)), indent)];
  }
  const directory = call(
    ".directory",
    call("_host_path", value(origin.context)),
    kw("exclude", strList(BUILD_CONTEXT_EXCLUDE)),
  );
  return [
    `${pad}self.dag.host()`,
    ...layout(directory, indent),
    ...note,
    ...layout(call(".docker_build", ...dockerBuildArgs(origin, value)), indent),
  ];
}

function dockerBuildArgs(
  origin: Extract<Origin, { from: "dockerfile" }>,
  value: (input: Value) => PyExpr,
): PyArg[] {
  const buildArgs = origin.buildArgs.map((arg) =>
    call("dagger.BuildArg", kw("name", str(arg.name)), kw("value", str(arg.value))),
  );
  return [
    kw("dockerfile", value(origin.dockerfile)),
    ...(buildArgs.length > 0 ? [kw("build_args", list(buildArgs))] : []),
    ...(origin.target !== undefined ? [kw("target", str(origin.target))] : []),
  ];
}

function callsFor(step: Step, value: (input: Value) => PyExpr): PyExpr[] {
  switch (step.op) {
    case "aptInstall":
      return [
        call(
          ".with_mounted_cache",
          str(APT_LISTS),
          call("self.dag.cache_volume", str("apt-lists")),
          kw("sharing", atom("dagger.CacheSharingMode.LOCKED")),
        ),
        call(
          ".with_exec",
          strList([
            "sh",
            "-c",
            'apt-get update && apt-get install -y --no-install-recommends "$@"',
            "sh",
            ...step.packages,
          ]),
        ),
        call(".without_mount", str(APT_LISTS)),
      ];
    case "pipInstall":
      return [
        call(".with_mounted_cache", str(PIP_CACHE), call("self.dag.cache_volume", str("pip-cache"))),
        call(".with_exec", strList(pipInstallArgs(step))),
        call(".without_mount", str(PIP_CACHE)),
      ];
    case "portReadiness":
      return [call(".without_docker_healthcheck")];
    case "healthcheck":
      return [call(".with_docker_healthcheck", strList(step.check.args), ...healthcheckOptions(step.check))];
    case "env":
      return [call(".with_env_variable", str(step.name), value(step.value))];
    case "secretEnv":
      return [
        call(
          ".with_secret_variable",
          str(step.name),
          call("self._secret", str(step.secretName), value(step.value)),
        ),
      ];
    case "hostSecretEnv":
      return [
        call(".with_secret_variable", str(step.name), call("self.dag.secret", str(`env://${step.variable}`))),
      ];
    case "bind":
      return [call(".with_service_binding", str(step.alias), call("self.service", str(step.service)))];
    case "mount":
      return [
        call(
          ".with_mounted_directory",
          str(step.target),
          call("self.dag.host().directory", call("_host_path", str(step.source))),
          ...ownerOption(step.owner),
        ),
      ];
    case "fileMount":
      return [
        call(
          ".with_mounted_file",
          str(step.target),
          call("self.dag.host().file", call("_host_path", str(step.source))),
          ...ownerOption(step.owner),
        ),
      ];
    case "cacheMount":
      return [
        call(
          ".with_mounted_cache",
          str(step.target),
          call("self.dag.cache_volume", str(step.cache)),
          ...ownerOption(step.owner),
        ),
      ];
    case "tmpfs":
      return [call(".with_mounted_temp", str(step.target))];
    case "workdir":
      return [call(".with_workdir", str(step.path))];
    case "user":
      return [call(".with_user", str(step.name))];
    case "entrypoint":
      return [call(".with_entrypoint", strList(step.args))];
    case "args":
      return [call(".with_default_args", strList(step.args))];
    case "expose":
      return [
        call(
          ".with_exposed_port",
          value(step.port),
          ...(step.protocol === "udp" ? [kw("protocol", atom("dagger.NetworkProtocol.UDP"))] : []),
          ...(step.skipHealthcheck ? [kw("experimental_skip_healthcheck", atom("True"))] : []),
        ),
      ];
  }
}

function ownerOption(owner: string | undefined): PyArg[] {
  return owner === undefined ? [] : [kw("owner", str(owner))];
}

/** Only what the spec sets, so the engine's defaults apply to the rest. */
function healthcheckOptions(check: HealthcheckArgs): PyArg[] {
  const options: PyArg[] = [];
  if (check.shell) options.push(kw("shell", atom("True")));
  for (const [name, field] of [
    ["interval", check.interval],
    ["timeout", check.timeout],
    ["start_period", check.startPeriod],
    ["start_interval", check.startInterval],
  ] as const) {
    if (field !== undefined) options.push(kw(name, str(field)));
  }
  if (check.retries !== undefined) options.push(kw("retries", atom(String(check.retries))));
  return options;
}

function valueRenderer(stack: NormalizedStack, model: BuilderModel): (input: Value) => PyExpr {
  return (input) => {
    switch (input.type) {
      case "text":
        return str(input.text);
      case "number":
        return atom(String(input.value));
      case "config":
        return atom(`cfg.${fieldName(model.service, input.field)}`);
      case "serviceConfig": {
        const read = atom(`cfg.${fieldName(serviceByName(stack, input.service), input.field)}`);
        return input.field === "port" ? call("str", read) : read;
      }
      case "internalUrl":
        return call("self.internal_url", str(serviceByName(stack, input.service).name));
      case "stackSecret":
        return atom(`cfg.secrets[${pyFormattedString(input.name)}]`);
    }
  };
}

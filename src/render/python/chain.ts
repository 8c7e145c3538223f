import {
  APT_LISTS,
  type BuilderModel,
  type Origin,
  PIP_CACHE,
  pipInstallArgs,
  type Step,
  type Value,
} from "../../plan/builder-steps.js";
import { type NormalizedStack, serviceByName } from "../../spec/model.js";
import { atom, call, comment, kw, layout, type PyExpr, str, strList } from "./layout.js";
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
    ...layout(call(".docker_build", kw("dockerfile", value(origin.dockerfile))), indent),
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
        ),
      ];
    case "args":
      return [call(".with_default_args", strList(step.args))];
    case "expose":
      return [call(".with_exposed_port", value(step.port))];
  }
}

function valueRenderer(stack: NormalizedStack, model: BuilderModel): (input: Value) => PyExpr {
  return (input) => {
    switch (input.type) {
      case "text":
        return str(input.text);
      case "config":
        return atom(`cfg.${fieldName(model.service, input.field)}`);
      case "internalUrl":
        return call("self.internal_url", str(serviceByName(stack, input.service).name));
    }
  };
}

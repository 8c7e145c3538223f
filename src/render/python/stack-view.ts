import { builderModel } from "../../plan/builder-steps.js";
import { readsHostAddress, type TestEnvSource, testEnvModel } from "../../plan/test-env.js";
import {
  isJob,
  isService,
  type NormalizedService,
  type NormalizedStack,
  serviceByName,
  urlTemplateOf,
} from "../../spec/model.js";
import { pyFormattedString } from "../escape.js";
import { summaryOf, writeUrlShape } from "../services.js";
import { chainLines } from "./chain.js";
import {
  assignment,
  atom,
  call,
  dict,
  docstring,
  flat,
  kw,
  layout,
  type PyExpr,
  signature,
  str,
  subscript,
  tuple,
} from "./layout.js";
import { builderName, fieldName, moduleView, pythonNames, urlMethodName } from "./names.js";

/** The view of stack.py: the fixed scaffolding is in the template, every per-service part is laid out here. */
export function stackView(stack: NormalizedStack) {
  const services = stack.services.filter(isService);
  const jobs = stack.services.filter(isJob);
  const names = pythonNames(stack);
  const extraPorts = services.some((service) => service.extraPorts.length > 0);
  const testEnv = testEnvModel(stack);
  return {
    ...moduleView(stack, [
      `The ${stack.names.kebab} stack: one builder per container, started in dependency order.`,
    ]),
    classDoc: docstring(
      [
        `The ${stack.names.kebab} stack: one builder per container, started in dependency order.`,
        `\`async with ${names.stackClass}() as stack:\` connects to Dagger and starts every service; leaving the block stops them and closes the connection. Builders are plain methods, not coroutines: Dagger is lazy, so a builder only describes the container, and nothing runs until a result such as \`sync()\` is awaited.`,
      ],
      4,
    ),
    usesQuote: services.some((service) => urlParts(urlTemplateOf(service)).fields.length > 0),
    serviceName: serviceNameLines(services),
    jobs:
      jobs.length > 0
        ? {
            name: assignment(
              "JobName",
              subscript(
                "Literal",
                jobs.map((job) => str(job.name)),
              ),
              0,
            ),
            list: assignment("JOBS: tuple[JobName, ...]", tuple(jobs.map((job) => str(job.name))), 0),
            builders: jobsLines(jobs),
          }
        : undefined,
    startOrder: startOrderLines(stack),
    builders: stack.services.map((service) => builderLines(stack, service)),
    registry: registryLines(services),
    urlMethods: services.map(urlMethodLines),
    extraPorts,
    usesPortMapping: extraPorts,
    testEnv: testEnv.length > 0 ? testEnvLines(stack, testEnv) : undefined,
    readsHostAddress: readsHostAddress(testEnv),
    readsHostVariable: testEnv.some((entry) => entry.source.type === "hostVariable"),
  };
}

function jobsLines(jobs: NormalizedService[]): string[] {
  const entries = jobs.map((job) => ({ key: str(job.name), value: atom(`self.${builderName(job)}`) }));
  return [
    "    def _jobs(self) -> dict[JobName, Callable[[], dagger.Container]]:",
    '        """How to build each one-shot job."""',
    ...layout(dict(entries), 8, "return "),
  ];
}

function testEnvLines(stack: NormalizedStack, entries: ReturnType<typeof testEnvModel>): string[] {
  const values = entries.map((entry) => ({ key: str(entry.name), value: testEnvValue(stack, entry.source) }));
  const readsConfig = entries.some(
    (entry) => entry.source.type === "serviceConfig" || entry.source.type === "stackSecret",
  );
  const readsUrls = entries.some((entry) => entry.source.type === "hostUrl");
  return [
    ...(readsUrls ? ["        urls = self.urls()"] : []),
    ...(readsConfig ? ["        cfg = self.config"] : []),
    ...layout(dict(values), 8, "return "),
  ];
}

function testEnvValue(stack: NormalizedStack, source: TestEnvSource): PyExpr {
  const name = (service: string) => serviceByName(stack, service).name;
  switch (source.type) {
    case "hostUrl":
      return atom(`urls[${flat(str(name(source.service)))}].host`);
    case "hostAddress":
      return atom(
        `self._host_address(${flat(str(name(source.service)))})[${source.part === "host" ? 0 : 1}]`,
      );
    case "serviceConfig":
      return atom(`cfg.${fieldName(serviceByName(stack, source.service), source.field)}`);
    case "stackSecret":
      return atom(`cfg.secrets[${flat(str(source.name))}]`);
    case "hostVariable":
      return call("_host_variable", str(source.variable));
  }
}

function serviceNameLines(services: NormalizedService[]): string[] {
  if (services.length === 0) return ["ServiceName = str"];
  return assignment(
    "ServiceName",
    subscript(
      "Literal",
      services.map((service) => str(service.name)),
    ),
    0,
  );
}

export function startOrderLines(stack: NormalizedStack): string[] {
  const groups = stack.startLevels.map((level) =>
    tuple(level.map((name) => str(serviceByName(stack, name).name))),
  );
  const entry = stack.services.some(isJob) ? "ServiceName | JobName" : "ServiceName";
  return assignment(`START_ORDER: tuple[tuple[${entry}, ...], ...]`, tuple(groups), 0);
}

function builderLines(stack: NormalizedStack, service: NormalizedService): string[] {
  const chain = chainLines(stack, builderModel(stack, service), 12);
  const readsConfig = chain.some((line) => line.includes("cfg."));
  return [
    ...signature(`def ${builderName(service)}`, ["self"], "dagger.Container", 4),
    ...docstring(`Builds ${summaryOf(service)}.`, 8),
    ...(readsConfig ? ["        cfg = self.config"] : []),
    "        return (",
    ...chain,
    "        )",
  ];
}

function registryLines(services: NormalizedService[]): string[] {
  const entries = services.map((service) => ({
    key: str(service.name),
    value: call(
      "_Entry",
      kw("build", atom(`self.${builderName(service)}`)),
      kw("url", atom(`self.${urlMethodName(service)}`)),
      kw("port", atom(`cfg.${fieldName(service, "port")}`)),
      kw("host_port", atom(`cfg.${fieldName(service, "hostPort")}`)),
      ...(service.extraPorts.length > 0
        ? [kw("extra_ports", atom(`cfg.${fieldName(service, "extraPorts")}`))]
        : []),
    ),
  }));
  return [
    "    def _registry(self) -> dict[ServiceName, _Entry]:",
    '        """How to build and address each service."""',
    ...(services.length > 0 ? ["        cfg = self.config"] : []),
    ...layout(dict(entries), 8, "return "),
  ];
}

function urlMethodLines(service: NormalizedService): string[] {
  const { fields, body } = urlParts(urlTemplateOf(service));
  const locals = fields.map((field) => `        ${field} = quote(cfg.${fieldName(service, field)}, safe="")`);
  return [
    ...signature(`def ${urlMethodName(service)}`, ["self", "host: str", "port: int"], "str", 4),
    ...(fields.length > 0 ? ["        cfg = self.config", ...locals] : []),
    ...layout(atom(`f${pyFormattedString(body)}`), 8, "return "),
  ];
}

/**
 * `postgresql://{user}:{password}@{host}:{port}` → an f-string body whose config values are URL-quoted
 * locals; literal braces from the shape are doubled.
 */
function urlParts(shape: string): { fields: string[]; body: string } {
  const { text, fields } = writeUrlShape(shape, {
    literal: (text) => text.replace(/[{}]/g, "$&$&"),
    placeholder: (field) => `{${field}}`,
  });
  return { fields, body: text };
}

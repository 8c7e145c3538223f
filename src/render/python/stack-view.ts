import { builderModel } from "../../plan/builder-steps.js";
import {
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
  kw,
  layout,
  signature,
  str,
  subscript,
  tuple,
} from "./layout.js";
import { builderName, fieldName, moduleView, pythonNames, urlMethodName } from "./names.js";

/** The view of stack.py: the fixed scaffolding is in the template, every per-service part is laid out here. */
export function stackView(stack: NormalizedStack) {
  const services = stack.services.filter(isService);
  const names = pythonNames(stack);
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
    startOrder: startOrderLines(stack),
    builders: stack.services.map((service) => builderLines(stack, service)),
    registry: registryLines(services),
    urlMethods: services.map(urlMethodLines),
  };
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
  return assignment("START_ORDER: tuple[tuple[ServiceName, ...], ...]", tuple(groups), 0);
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

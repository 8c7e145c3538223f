import { type ConfigField, configFields, generatedSecrets } from "../../plan/config-fields.js";
import type { NormalizedService, NormalizedStack } from "../../spec/model.js";
import { summaryOf } from "../services.js";
import {
  assignment,
  atom,
  call,
  comment,
  dict,
  docstring,
  kw,
  layout,
  moduleDocstring,
  str,
  tuple,
} from "./layout.js";
import { fieldName, HEADER, pythonNames } from "./names.js";

/** The view of config.py: one flat dataclass field per service setting, as the Universal Dagger Pattern guide lays them out. */
export function configView(stack: NormalizedStack) {
  const names = pythonNames(stack);
  return {
    header: HEADER,
    project: stack.names.kebab,
    configClass: names.configClass,
    moduleDoc: moduleDocstring([
      `Settings of the ${stack.names.kebab} stack: images, ports and options per service.`,
    ]),
    classDoc: classDoc(stack, names.configClass),
    services: stack.services.map((service) => ({ lines: serviceLines(service) })),
    portMapping: stack.services.some((service) => service.extraPorts.length > 0),
    secrets: secretsLines(stack),
  };
}

/** `new_secrets()` returns the stack secrets made at run time, one fresh value each. */
function secretsLines(stack: NormalizedStack): string[] | undefined {
  const names = generatedSecrets(stack);
  if (names.length === 0) return undefined;
  const entries = names.map((name) => ({ key: str(name), value: call("new_password") }));
  return layout(dict(entries), 4, "return ");
}

function classDoc(stack: NormalizedStack, configClass: string): string[] {
  const listening = stack.services.find((service) => service.hostPort !== undefined);
  const example = listening
    ? `\`${configClass}(${fieldName(listening, "hostPort")}=${otherPort(listening.hostPort ?? 0)})\``
    : `\`${configClass}(namespace="mine")\``;
  const paragraphs = [
    `Settings of the ${stack.names.kebab} stack. Defaults come from dagger-stack.json; override any per run, e.g. ${example}.`,
    `Passwords are made here, at run time, for each stack: they are never written to disk, and Dagger receives them as secrets. A password written here, or passed as a plain env variable, would end up in IDs, cache keys and logs.`,
  ];
  return docstring(paragraphs, 4);
}

/** A port for the override example: the default moved by 10000, within range. */
function otherPort(port: number): number {
  return port + 10000 <= 65535 ? port + 10000 : port - 10000;
}

function serviceLines(service: NormalizedService): string[] {
  return [
    ...comment(summaryOf(service), 4),
    ...configFields(service).flatMap((field) => [...fieldLines(service, field), ...docstring(field.doc, 4)]),
  ];
}

function fieldLines(service: NormalizedService, field: ConfigField): string[] {
  const name = fieldName(service, field.name);
  switch (field.value.type) {
    case "password":
      return assignment(
        `${name}: str`,
        call("field", kw("default_factory", atom("new_password")), kw("repr", atom("False"))),
        4,
      );
    case "number":
      return assignment(`${name}: int`, atom(String(field.value.value)), 4);
    case "string":
      return assignment(`${name}: str`, str(field.value.value), 4);
    case "ports":
      return assignment(
        `${name}: tuple[PortMapping, ...]`,
        tuple(
          field.value.value.map((port) =>
            call(
              "PortMapping",
              kw("port", atom(String(port.port))),
              kw("host_port", atom(String(port.hostPort))),
              kw("protocol", str(port.protocol)),
            ),
          ),
        ),
        4,
      );
  }
}

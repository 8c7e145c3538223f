import { type ConfigField, configFields, generatedSecrets } from "../../plan/config-fields.js";
import type { NormalizedStack } from "../../spec/model.js";
import { commentText, tsLiteral, tsString } from "../escape.js";
import { summaryOf } from "../services.js";
import { HEADER, typeScriptNames } from "./names.js";

export function configView(stack: NormalizedStack) {
  const secrets = generatedSecrets(stack);
  return {
    header: HEADER,
    project: stack.names,
    ...typeScriptNames(stack),
    services: stack.services.map((service) => ({
      key: service.names.camel,
      summary: commentText(summaryOf(service)),
      fields: configFields(service).map(fieldView),
    })),
    secrets: secrets.length > 0 ? { names: secrets } : undefined,
  };
}

const PORTS_TYPE = '{ port: number; hostPort: number; protocol: "tcp" | "udp" }[]';

function fieldView(field: ConfigField) {
  return { name: field.name, ...typeAndValue(field.value), doc: commentText(field.doc) };
}

function typeAndValue(value: ConfigField["value"]): { type: string; value: string } {
  switch (value.type) {
    case "password":
      return { type: "string", value: "newPassword()" };
    case "number":
      return { type: "number", value: String(value.value) };
    case "string":
      return { type: "string", value: tsString(value.value) };
    case "ports":
      return { type: PORTS_TYPE, value: tsLiteral(value.value) };
  }
}

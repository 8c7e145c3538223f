import { type ConfigField, configFields } from "../../plan/config-fields.js";
import type { NormalizedStack } from "../../spec/model.js";
import { commentText, tsString } from "../escape.js";
import { summaryOf } from "../services.js";
import { HEADER, typeScriptNames } from "./names.js";

export function configView(stack: NormalizedStack) {
  return {
    header: HEADER,
    project: stack.names,
    ...typeScriptNames(stack),
    services: stack.services.map((service) => ({
      key: service.names.camel,
      summary: commentText(summaryOf(service)),
      fields: configFields(service).map(fieldView),
    })),
  };
}

function fieldView(field: ConfigField) {
  const type = field.value.type === "number" ? "number" : "string";
  const value =
    field.value.type === "password"
      ? "newPassword()"
      : field.value.type === "number"
        ? String(field.value.value)
        : tsString(field.value.value);
  return { name: field.name, type, value, doc: commentText(field.doc) };
}

import { builderModel } from "../../plan/builder-steps.js";
import {
  isService,
  type NormalizedService,
  type NormalizedStack,
  serviceByName,
  urlTemplateOf,
} from "../../spec/model.js";
import { commentText, tsString } from "../escape.js";
import { summaryOf, writeUrlShape } from "../services.js";
import { chainLines, usesCacheSharing } from "./chain.js";
import { HEADER, typeScriptNames } from "./names.js";

export function stackView(stack: NormalizedStack) {
  const models = stack.services.map((service) => builderModel(stack, service));
  const services = stack.services.filter(isService);
  return {
    header: HEADER,
    project: stack.names,
    ...typeScriptNames(stack),
    usesCacheSharing: usesCacheSharing(models),
    startOrder: startOrderLiteral(stack),
    services: services.map(serviceView),
    builders: models.map((model) => {
      const lines = chainLines(model);
      return {
        name: builderName(model.service),
        key: model.service.names.camel,
        doc: commentText(`Builds ${summaryOf(model.service)}.`),
        destructure: model.fields.join(", "),
        lines: lines.map((line, index) => (index === lines.length - 1 ? `${line};` : line)),
      };
    }),
  };
}

export function builderName(service: NormalizedService): string {
  return `build${service.names.pascal}`;
}

/** START_ORDER's initializer; without services it is typed as strings (as Python's ServiceName is str). */
export function startOrderLiteral(stack: NormalizedStack): string {
  if (stack.startLevels.length === 0) return "[] as string[][]";
  const groups = stack.startLevels.map(
    (level) => `[${level.map((name) => tsString(serviceByName(stack, name).names.camel)).join(", ")}]`,
  );
  return `[${groups.join(", ")}] as const`;
}

function serviceView(service: NormalizedService) {
  const { template, fields } = urlTemplate(urlTemplateOf(service));
  return {
    key: service.names.camel,
    alias: tsString(service.name),
    builder: builderName(service),
    urlMethod: `${service.names.camel}Url`,
    urlFields: fields.join(", "),
    urlTemplate: template,
  };
}

/** `postgresql://{user}:{password}@{host}:{port}` → a template literal body, config values URL-encoded. */
function urlTemplate(shape: string): { template: string; fields: string[] } {
  const { text, fields } = writeUrlShape(shape, {
    literal: (text) => text.replace(/[`\\]/g, "\\$&").replace(/\$\{/g, "\\${"),
    placeholder: (field) =>
      field === "host" || field === "port" ? `\${${field}}` : `\${encodeURIComponent(${field})}`,
  });
  return { template: text, fields };
}

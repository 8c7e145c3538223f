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
import { namesOf } from "../../spec/names.js";
import { commentText, tsKey, tsString } from "../escape.js";
import { summaryOf, writeUrlShape } from "../services.js";
import { chainLines, usesCacheSharing, usesUdp } from "./chain.js";
import { HEADER, typeScriptNames } from "./names.js";

export function stackView(stack: NormalizedStack) {
  const models = stack.services.map((service) => builderModel(stack, service));
  const services = stack.services.filter(isService);
  const jobs = stack.services.filter(isJob);
  const extraPorts = services.some((service) => service.extraPorts.length > 0);
  const udpTunnels = services.some((service) => service.extraPorts.some((port) => port.protocol === "udp"));
  const testEnv = testEnvModel(stack);
  return {
    header: HEADER,
    project: stack.names,
    ...typeScriptNames(stack),
    sdkImports: sdkImports({
      cacheSharing: usesCacheSharing(models),
      execError: jobs.length > 0,
      networkProtocol: usesUdp(models) || udpTunnels,
    }),
    startOrder: startOrderLiteral(stack),
    jobs: jobs.length > 0 ? { list: jobsLiteral(jobs), entries: jobs.map(jobView) } : undefined,
    extraPorts,
    services: services.map(serviceView),
    testEnv:
      testEnv.length > 0
        ? testEnv.map((entry) => ({ name: tsKey(entry.name), value: testEnvValue(stack, entry.source) }))
        : undefined,
    readsHostAddress: readsHostAddress(testEnv),
    readsHostVariable: testEnv.some((entry) => entry.source.type === "hostVariable"),
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

/** The SDK's names stack.ts imports, in the order Biome's organizeImports keeps them. */
function sdkImports(uses: { cacheSharing: boolean; execError: boolean; networkProtocol: boolean }): string {
  return [
    ...(uses.cacheSharing ? ["CacheSharingMode"] : []),
    "type Client",
    "type Container",
    "connect",
    ...(uses.execError ? ["ExecError"] : []),
    ...(uses.networkProtocol ? ["NetworkProtocol"] : []),
    "type Service",
  ].join(", ");
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

function jobsLiteral(jobs: NormalizedService[]): string {
  return `[${jobs.map((job) => tsString(job.names.camel)).join(", ")}]`;
}

function jobView(job: NormalizedService) {
  return { key: job.names.camel, builder: builderName(job) };
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
    extraPorts: service.extraPorts.length > 0,
  };
}

function testEnvValue(stack: NormalizedStack, source: TestEnvSource): string {
  const key = (service: string) => serviceByName(stack, service).names.camel;
  switch (source.type) {
    case "hostUrl":
      return `urls.${key(source.service)}.host`;
    case "hostAddress":
      return `this.hostAddress(${tsString(key(source.service))}).${source.part}`;
    case "serviceConfig":
      return `this.config.services.${key(source.service)}.${namesOf(source.field).camel}`;
    case "stackSecret":
      return `this.config.secrets.${source.name}`;
    case "hostVariable":
      return `hostVariable(${tsString(source.variable)})`;
  }
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

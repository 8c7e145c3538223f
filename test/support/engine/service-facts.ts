import { booleanArg, numberArg, objectListArg, stringArg, stringListArg } from "./args.js";
import { optional } from "./container-facts.js";
import type { Args, ObjectState, PortForwardFacts, ServiceFacts } from "./state.js";

/** Describes the service that `receiver.field(args)` produces. */
export function serviceFactsFor(receiver: ObjectState, field: string, args: Args): ServiceFacts {
  if (field === "asService" && receiver.typeName === "Container") {
    return {
      kind: "container",
      containerId: receiver.id,
      ...optional("args", stringListArg(args, "args")),
      useEntrypoint: booleanArg(args, "useEntrypoint") ?? false,
    };
  }
  if (field === "tunnel" && receiver.typeName === "Host") {
    return {
      kind: "tunnel",
      targetId: stringArg(args, "service") ?? "",
      ports: portForwards(args),
      native: booleanArg(args, "native") ?? false,
    };
  }
  if (field === "service" && receiver.typeName === "Host") {
    return { kind: "host", ports: portForwards(args), host: stringArg(args, "host") ?? "localhost" };
  }
  if (field === "withHostname" && receiver.service) {
    return { ...receiver.service, hostname: stringArg(args, "hostname") ?? "" };
  }
  return { kind: "other", via: `${receiver.typeName}.${field}` };
}

function portForwards(args: Args): PortForwardFacts[] {
  return objectListArg(args, "ports").map((port) => ({
    backend: numberArg(port, "backend") ?? 0,
    ...optional("frontend", numberArg(port, "frontend")),
    protocol: stringArg(port, "protocol") ?? "TCP",
  }));
}

import { isService, type NormalizedService, type NormalizedStack } from "../spec/model.js";

/**
 * The typed config of one service, language-neutral. Names are camelCase; the Python renderer converts
 * them. A password is never a literal: each stack makes its own at run time.
 */
export type FieldValue =
  | { type: "string"; value: string }
  | { type: "number"; value: number }
  | { type: "password" }
  /** Ports beyond the first: container port, the host port `up` publishes it on, and its protocol. */
  | { type: "ports"; value: { port: number; hostPort: number; protocol: "tcp" | "udp" }[] };

export interface ConfigField {
  name: string;
  value: FieldValue;
  doc: string;
}

export function configFields(service: NormalizedService): ConfigField[] {
  const fields: ConfigField[] = [];
  const add = (name: string, value: FieldValue, doc: string) => fields.push({ name, value, doc });
  if (service.image !== undefined) add("image", { type: "string", value: service.image }, "Pinned image.");
  if (service.build) {
    add(
      "context",
      { type: "string", value: service.build.context },
      "Build context, relative to the project root.",
    );
    add(
      "dockerfile",
      { type: "string", value: service.build.dockerfile },
      "Dockerfile inside the build context.",
    );
  }
  if (isService(service)) {
    add(
      "port",
      { type: "number", value: service.containerPort ?? 0 },
      "Port the service listens on inside the stack.",
    );
    add(
      "hostPort",
      { type: "number", value: service.hostPort ?? 0 },
      "Port `up` publishes on this machine; tests use free ports.",
    );
  }
  if (service.extraPorts.length > 0) {
    add(
      "extraPorts",
      {
        type: "ports",
        value: service.extraPorts.map((port) => ({
          port: port.container,
          hostPort: port.host,
          protocol: port.protocol,
        })),
      },
      "Ports beyond the first: exposed by the builder, published by `up` on hostPort; tests use the first.",
    );
  }
  if (service.user !== undefined)
    add("user", { type: "string", value: service.user }, "User the image creates.");
  if (service.database !== undefined)
    add("database", { type: "string", value: service.database }, "Database the image creates.");
  if (service.kind.credentials) {
    add(
      "password",
      { type: "password" },
      "Made at run time for each stack and handed to Dagger as a secret; never stored.",
    );
  }
  return fields;
}

/** The stack secrets made at run time (the config's `secrets`); those read from the host are not config. */
export function generatedSecrets(stack: NormalizedStack): string[] {
  return stack.secrets.flatMap((secret) => ("generate" in secret ? [secret.name] : []));
}

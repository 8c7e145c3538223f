import { type TestEnvEntry, testEnvModel } from "../plan/test-env.js";
import { isService, type NormalizedStack, serviceByName } from "../spec/model.js";

/**
 * The doc's sections on what compose files bring (one-shot jobs, healthchecks, more ports, shared secrets,
 * the environment of the project's own tests), as markdown lines shared by both languages. `testEnvHow`
 * says how the language's test run hands the environment over.
 */
export function featureSections(stack: NormalizedStack, testEnvHow: string): string[] {
  return [
    ...jobsSection(stack),
    ...healthchecksSection(stack),
    ...portsSection(stack),
    ...secretsSection(stack),
    ...testEnvSection(stack, testEnvHow),
  ];
}

function section(title: string, paragraph: string, rows: string[]): string[] {
  return rows.length === 0 ? [] : ["", `## ${title}`, "", paragraph, "", ...rows];
}

function jobsSection(stack: NormalizedStack): string[] {
  const rows = stack.services
    .filter((service) => service.job)
    .map((job) => {
      const after = job.dependsOn.length > 0 ? `after ${job.dependsOn.join(", ")}` : "first";
      const before = stack.services
        .filter((service) => service.dependsOn.includes(job.name))
        .map((service) => service.name);
      const command = job.command.length > 0 ? `\`${job.command.join(" ")}\`` : "its image's command";
      return `- ${job.name}: ${command}, ${after}${before.length > 0 ? `, before ${before.join(", ")}` : ""}.`;
    });
  return section(
    "One-shot jobs",
    "Each runs to completion when the stack starts, in its place in the start order. If it fails, the start fails with its exit code and what it printed; nothing that waits for it starts.",
    rows,
  );
}

function healthchecksSection(stack: NormalizedStack): string[] {
  const rows = stack.services.flatMap((service) => {
    const check = service.healthcheck;
    if (check === undefined || !isService(service)) return [];
    if (check === "none") return [`- ${service.name}: none; ready when its port accepts connections.`];
    const timing = [
      `every ${check.startInterval ?? check.interval ?? "5s"}`,
      `${check.retries ?? 3} failures in a row fail the start`,
      ...(check.startPeriod ? [`failures in the first ${check.startPeriod} do not count`] : []),
    ].join(", ");
    return [
      `- ${service.name}: \`${check.args.join(" ")}\`${check.shell ? " (in the shell)" : ""}; ${timing}.`,
    ];
  });
  return section(
    "Healthchecks",
    "A service with a healthcheck is ready when the check passes: Dagger runs it in place of dialing the port, and `start()` waits for it, so what depends on the service starts once it is healthy.",
    rows,
  );
}

function portsSection(stack: NormalizedStack): string[] {
  const rows = stack.services.flatMap((service) =>
    service.extraPorts.map(
      (port) => `| ${service.name} | ${port.container}/${port.protocol} | ${port.host} |`,
    ),
  );
  if (rows.length === 0) return [];
  return section(
    "More ports",
    "Beyond each service's first port (its URL, which the tests use), these are exposed too and published by `up` on their host ports. Only the first port says when a service is ready.",
    ["| Service | Port | Host port (`up`) |", "|---|---|---|", ...rows],
  );
}

function secretsSection(stack: NormalizedStack): string[] {
  const rows = stack.secrets.map((secret) => {
    const readers = stack.services
      .filter((service) =>
        service.env.some((entry) => entry.type === "secret" && entry.secret === secret.name),
      )
      .map((service) => service.name);
    const made =
      "fromEnv" in secret ? `read from \`$${secret.fromEnv}\` where the stack runs` : "made for each run";
    return `- ${secret.name}: ${made}; read by ${readers.join(", ") || "no container yet"}.`;
  });
  return section(
    "Secrets the containers share",
    "One Dagger secret each, the same in every container that reads it; never written to disk.",
    rows,
  );
}

function testEnvSection(stack: NormalizedStack, how: string): string[] {
  const rows = testEnvModel(stack).map((entry) => `- \`${entry.name}\`: ${describeTestValue(stack, entry)}.`);
  return section(
    "The environment your tests read",
    `During the stack test run, your own tests find these variables set to the running stack, so tests that read them pass as they are: ${how}`,
    rows,
  );
}

function describeTestValue(stack: NormalizedStack, { source }: TestEnvEntry): string {
  switch (source.type) {
    case "hostUrl":
      return `${serviceByName(stack, source.service).name}'s URL from this machine (its tunnel)`;
    case "hostAddress":
      return `the ${source.part} of ${serviceByName(stack, source.service).name}'s tunnel`;
    case "serviceConfig":
      return `${serviceByName(stack, source.service).name}'s ${source.field}`;
    case "stackSecret":
      return `the stack secret ${source.name}`;
    case "hostVariable":
      return `\`$${source.variable}\`, as the stack read it`;
  }
}

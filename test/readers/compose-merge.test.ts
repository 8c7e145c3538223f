import { describe, expect, it } from "vitest";
import { mergeInto } from "../../src/readers/compose/merge.js";
import { uniqueEntries } from "../../src/readers/compose/unique.js";
import { parseComposeText } from "../../src/readers/located-yaml.js";

/**
 * The compose spec's merge rules ("Merge and override"), each as a base file, an override file and
 * the service compose ends up with.
 */
function merged(base: string, override: string): unknown {
  const [first] = parseComposeText(`services:\n  app:\n${indent(base)}`, "compose.yaml");
  const [second] = parseComposeText(`services:\n  app:\n${indent(override)}`, "compose.override.yaml");
  const data = uniqueEntries(mergeInto(uniqueEntries(mergeInto({}, first?.data ?? {})), second?.data ?? {}));
  return (data.services as Record<string, unknown>).app;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}

describe("compose merge rules", () => {
  it.each([
    [
      "mappings merge key by key",
      "image: a\nuser: root",
      "user: app\nworking_dir: /srv",
      { image: "a", user: "app", working_dir: "/srv" },
    ],
    ["sequences append", "dns: [1.1.1.1]", "dns: [8.8.8.8]", { dns: ["1.1.1.1", "8.8.8.8"] }],
    [
      "command is replaced",
      'command: ["echo", "foo"]',
      'command: ["echo", "bar"]',
      { command: ["echo", "bar"] },
    ],
    ["entrypoint is replaced", "entrypoint: [a, b]", "entrypoint: c", { entrypoint: "c" }],
    [
      "healthcheck.test is replaced, the rest merges",
      "healthcheck: { test: [CMD, a], interval: 5s }",
      "healthcheck: { test: [CMD, b] }",
      { healthcheck: { test: ["CMD", "b"], interval: "5s" } },
    ],
    [
      "volumes are unique by target",
      "volumes: [foo:/work, ./a:/a]",
      "volumes: [bar:/work]",
      { volumes: ["bar:/work", "./a:/a"] },
    ],
    [
      "ports are unique by ip, published, target and protocol",
      'ports: ["8080:80", "8443:443"]',
      'ports: ["8080:80", "9000:80"]',
      { ports: ["8080:80", "8443:443", "9000:80"] },
    ],
    [
      "environment lists and mappings merge by name",
      "environment: [A=1, B=2]",
      "environment: { B: 3, C: null }",
      { environment: ["A=1", "B=3", "C"] },
    ],
    [
      "depends_on lists and mappings merge by service",
      "depends_on: [db]",
      "depends_on: { db: { condition: service_healthy }, cache: { condition: service_started } }",
      {
        depends_on: {
          db: { condition: "service_healthy", required: true },
          cache: { condition: "service_started" },
        },
      },
    ],
    [
      "build as a string merges as its context",
      "build: { context: ., args: [A=1] }",
      "build: ./api",
      { build: { context: "./api", args: ["A=1"] } },
    ],
    [
      "logging with another driver replaces",
      "logging: { driver: syslog, options: { a: 1 } }",
      "logging: { driver: json-file }",
      { logging: { driver: "json-file" } },
    ],
    [
      "logging with the same driver merges",
      "logging: { driver: syslog, options: { a: 1 } }",
      "logging: { options: { b: 2 } }",
      { logging: { driver: "syslog", options: { a: 1, b: 2 } } },
    ],
    [
      "extra_hosts keep one copy",
      'extra_hosts: ["a:1.1.1.1"]',
      'extra_hosts: ["a:1.1.1.1", "b:2.2.2.2"]',
      { extra_hosts: ["a:1.1.1.1", "b:2.2.2.2"] },
    ],
    [
      "secrets are unique by target",
      "secrets: [a, c]",
      "secrets: [{ source: b, target: /run/secrets/a }]",
      { secrets: [{ source: "b", target: "/run/secrets/a" }, "c"] },
    ],
    [
      "!reset removes",
      "image: a\nports: ['80']\nuser: root",
      "ports: !reset []\nuser: !reset null",
      { image: "a" },
    ],
    ["!override replaces", "ports: ['80', '443']", "ports: !override ['8080']", { ports: ["8080"] }],
  ] as const)("%s", (_, base, override, expected) => {
    expect(merged(base, override)).toEqual(expected);
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { PlopGeneratorConfig, PlopPrompt } from "../../src/plop/index.js";
import { runCli } from "../../src/plop/run-cli.js";
import { serviceGenerator } from "../../src/plop/service-generator.js";
import { stackGenerator } from "../../src/plop/stack-generator.js";

/**
 * The plop generators' prompts, as plop and inquirer use them: which ones plop's arguments can fill (no
 * `when` function), and what the others ask given the answers before them, straight from the option table.
 */
type Answers = Record<string, unknown>;

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function fresh(): string {
  const folder = mkdtempSync(join(tmpdir(), "cds-plop-"));
  folders.push(folder);
  return folder;
}

function prompt(generator: PlopGeneratorConfig, name: string): PlopPrompt {
  const found = generator.prompts.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no prompt ${name}: ${generator.prompts.map((p) => p.name).join(", ")}`);
  return found;
}

/** A prompt option as inquirer reads it: a value, or a function of the answers so far. */
function asked(entry: PlopPrompt, key: string, answers: Answers): unknown {
  const value = entry[key];
  return typeof value === "function" ? value(answers) : value;
}

const validate = (entry: PlopPrompt, answer: unknown, answers: Answers) =>
  (entry.validate as (answer: unknown, answers: Answers) => string | true)(answer, answers);

describe("dagger-stack", () => {
  const generator = stackGenerator("/projects/my-app", true);

  it("starts with the project name and the services, which plop's arguments can answer", () => {
    expect(generator.prompts.slice(0, 2).map((entry) => [entry.name, entry.type])).toEqual([
      ["name", "input"],
      ["services", "checkbox"],
    ]);
    for (const entry of generator.prompts.slice(0, 2)) expect(typeof entry.when).not.toBe("function");
    expect(prompt(generator, "name").default).toBe("my-app");
    expect(prompt(generator, "services").choices).toContainEqual(expect.objectContaining({ value: "redis" }));
  });

  it("asks a service's questions only when that service was picked, with the CLI's defaults", () => {
    const answers = { name: "my-app", services: ["postgres", "redis"] };
    expect(asked(prompt(generator, "postgres-port"), "when", answers)).toBe(true);
    expect(asked(prompt(generator, "mysql-port"), "when", answers)).toBe(false);
    expect(asked(prompt(generator, "postgres-port"), "default", answers)).toBe("5432");
    expect(asked(prompt(generator, "postgres-port"), "message", answers)).toBe("postgres: host port");
  });

  it("checks an answer as the CLI does, on the spec answered so far", () => {
    const answers = { name: "my-app", services: ["postgres", "redis"], "postgres-port": "6379" };
    expect(validate(prompt(generator, "postgres-port"), "70000", answers)).toMatch(/port/);
    expect(validate(prompt(generator, "redis-port"), "6379", answers)).toMatch(/already used by .*postgres/);
    expect(validate(prompt(generator, "redis-port"), "6379", { ...answers, "postgres-port": "5432" })).toBe(
      true,
    );
  });

  it("offers the matrix from the services picked", () => {
    const answers = { name: "my-app", services: ["postgres", "chromadb"] };
    const choices = asked(prompt(generator, "matrix"), "choices", answers) as { value: string }[];
    expect(choices.map((choice) => choice.value).slice(0, 2)).toEqual(["postgres", "chromadb"]);
  });

  it("asks nothing without a terminal: what plop's arguments leave open takes the defaults", () => {
    const quiet = stackGenerator("/projects/my-app", false);
    const answers = { services: ["postgres"] };
    expect(quiet.prompts.map((entry) => asked(entry, "when", answers)).filter(Boolean)).toEqual([]);
  });

  it("writes the stack through the CLI: a dry run writes nothing, a run writes, a second changes nothing", async () => {
    const dest = fresh();
    const [action] = stackGenerator(dest, false).actions;
    if (!action) throw new Error("no action");
    const answers = { name: "shop", services: ["postgres", "redis"], "redis-port": "6380" };
    expect(await action({ ...answers, "dry-run": true })).toContain("create stack/stack.ts");
    expect(existsSync(join(dest, "dagger-stack.json"))).toBe(false);
    await action(answers);
    const manifest = JSON.parse(readFileSync(join(dest, "dagger-stack.json"), "utf8"));
    expect(manifest.spec.name).toBe("shop");
    expect(manifest.spec.services.find((service: { name: string }) => service.name === "redis").port).toBe(
      6380,
    );
    expect(await action(answers)).toContain("Nothing to change");
  });
});

describe("dagger-service", () => {
  it("starts with the kind and the name; its questions see the stack it grows", async () => {
    const dest = fresh();
    await runCli([".", "--services", "postgres", "--yes"], dest);
    const generator = serviceGenerator(dest, true);
    expect(generator.prompts.slice(0, 2).map((entry) => entry.name)).toEqual(["kind", "name"]);
    expect(asked(prompt(generator, "name"), "default", { kind: "redis" })).toBe("redis");
    // The stack's postgres already has 5432: a second one is offered the next port.
    expect(asked(prompt(generator, "port"), "default", { kind: "postgres", name: "analytics" })).toBe("5433");
    expect(asked(prompt(generator, "extension"), "when", { kind: "redis", name: "cache" })).toBe(false);
  });

  it("a failing run rejects with the CLI's message", async () => {
    const [action] = serviceGenerator(fresh(), false).actions;
    await expect(action?.({ kind: "redis" })).rejects.toThrow(/dagger-stack\.json/);
  });
});

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { credentialShape, isCredentialName, maskCredentials } from "../../../src/spec/secrets.js";
import { toSpec } from "../../../src/spec/to-spec.js";
import { generate } from "../../golden/generate.js";
import { normalized, service, spec } from "../../support/builders.js";
import { readTree, runMain, TempFolders } from "./support/run-main.js";

/**
 * Issue 11, point 7: a credential in an env value never reaches a generated file, the committed manifest or
 * the terminal. It is read where the stack runs, from the host variable of the same name, as a Dagger secret.
 */
const BY_NAME: Record<string, string> = {
  DB_PASS: "hunter2-pass",
  DB_PW: "hunter2-pw",
  PWD: "hunter2-pwd",
  PASSPHRASE: "correct horse battery",
  JWT: "plain-jwt-value",
  dbPassword: "hunter2-camel",
  PRIVATEKEY: "hunter2-private",
  AWS_CREDENTIALS: "hunter2-aws",
};

const BY_VALUE: Record<string, string> = {
  DATABASE_URL: "postgres://app:s3cr3t-in-url@db:5432/app",
  OPENAI: "sk-proj-abcdefghijklmnopqrstuvwx0123",
  SESSION: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk",
  TLS: "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----",
};

const ORDINARY: Record<string, string> = { MONKEY: "banana", KEYBOARD_LAYOUT: "us", LOG_LEVEL: "info" };

const SECRET_VALUES = [...Object.values(BY_NAME), ...Object.values(BY_VALUE)];
/** Parts of the values a leak could show without the whole (a URL's password, a PEM body). */
const SECRET_PARTS = ["s3cr3t-in-url", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "dBjftJeZ4CVPmB92K27uhbUJU1p1r"];

const leaksIn = (text: string) =>
  [...SECRET_VALUES, ...SECRET_PARTS].filter((secret) => text.includes(secret));

describe("credentials by name", () => {
  it.each([
    "DB_PASS",
    "DB_PW",
    "PWD",
    "PASSPHRASE",
    "JWT",
    "API_KEY",
    "api-key",
    "dbPassword",
    "GITHUB_TOKEN",
    "JWT_SECRET",
    "CLIENT_SECRETS",
    "PRIVATEKEY",
    "AUTHTOKEN",
    "AWS_CREDENTIALS",
    "SENTRY_DSN",
    "PASSWORD2",
  ])("%s is a credential", (name) => {
    expect(isCredentialName(name)).toBe(true);
  });

  it.each([
    "MONKEY",
    "KEYBOARD_LAYOUT",
    "BYPASS",
    "COMPASS_MODE",
    "TOKENIZER",
    "LOG_LEVEL",
    "PASSWORD_FILE",
    "KEY_ID",
  ])("%s is not", (name) => {
    expect(isCredentialName(name)).toBe(false);
  });
});

describe("credentials by value", () => {
  it.each([...Object.values(BY_VALUE), "redis://:pw@cache:6379", "ghp_0123456789abcdefghijklmnopqrstuvwxyz"])(
    "%j looks like one",
    (value) => {
      expect(credentialShape(value)).toBeDefined();
    },
  );

  it.each(["info", "https://example.com/a@b", "postgres://app@db/app", "sk-1", "eyJ", "8080"])(
    "%j does not",
    (value) => {
      expect(credentialShape(value)).toBeUndefined();
    },
  );

  it("masks only the password of a URL, and the whole of a key", () => {
    expect(maskCredentials("at postgres://app:pa:ss@db/x and sk-abcdefghijklmnopqrstuvwx.")).toBe(
      "at postgres://app:<hidden>@db/x and <hidden>.",
    );
  });
});

describe("a credential in env is read from the host at run time", () => {
  const input = spec([
    service("postgres"),
    service("backend", { port: 8000, env: { ...BY_NAME, ...BY_VALUE, ...ORDINARY } }),
  ]);

  it("becomes env://NAME, with a note that says what to export and shows no value", () => {
    const stack = normalized(input);
    const env = stack.services[1]?.env ?? [];
    for (const name of [...Object.keys(BY_NAME), ...Object.keys(BY_VALUE)]) {
      expect(env.find((entry) => entry.name === name)).toEqual({ name, type: "hostEnv", variable: name });
      expect(stack.notes.join("\n")).toContain(`Export ${name}`);
    }
    for (const [name, value] of Object.entries(ORDINARY)) {
      expect(env.find((entry) => entry.name === name)).toEqual({ name, type: "literal", value });
    }
    expect(leaksIn(stack.notes.join("\n"))).toEqual([]);
    expect(toSpec(stack).services[1]?.env).toMatchObject({ DB_PASS: "env://DB_PASS", MONKEY: "banana" });
  });

  it.each(["typescript", "python"] as const)(
    "%s: no generated file and not the manifest holds one; each is a secret read from the host",
    (language) => {
      const { files } = generate(normalized({ ...input, language }));
      for (const [path, content] of Object.entries(files)) expect(leaksIn(content), path).toEqual([]);
      const stackFile = files[language === "typescript" ? "stack/stack.ts" : "tests/dagger_modules/stack.py"];
      expect(stackFile).toMatch(/secret\("env:\/\/DB_PASS"\)/);
      expect(stackFile).toContain('"banana"');
    },
  );
});

describe("the CLI end to end", () => {
  const folders = new TempFolders();
  afterEach(() => folders.cleanup());

  it("writes none of them to disk or the terminal, and says what to export", async () => {
    const root = folders.fresh();
    const env = { ...BY_NAME, ...BY_VALUE, ...ORDINARY };
    writeFileSync(
      join(root, "stack.json"),
      JSON.stringify({
        name: "demo",
        services: [{ name: "api", kind: "custom", image: "alpine:3", port: 80, env }],
      }),
    );
    const run = await runMain(["app", "--spec", "stack.json", "--ci", "none", "--yes"], root);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(leaksIn(run.stdout)).toEqual([]);
    expect(run.stdout).toContain("Export DB_PASS");
    const written = readTree(join(root, "app"));
    expect(Object.keys(written)).toContain("dagger-stack.json");
    for (const [path, content] of Object.entries(written)) expect(leaksIn(content), path).toEqual([]);
  });

  it("masks a credential in an error about the value that holds it", async () => {
    const root = folders.fresh();
    const run = await runMain(
      ["app", "--services", "redis", "--env", `redis=${BY_VALUE.DATABASE_URL}`, "--yes"],
      root,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--env");
    expect(run.stderr).toContain("postgres://app:<hidden>@db:5432/app");
    expect(leaksIn(run.stderr)).toEqual([]);
  });

  it("masks the value of a credential-named --env whose name is rejected", async () => {
    const run = await runMain(
      ["app", "--services", "redis", "--env", "redis=DB-PASS=hunter2-label", "--yes"],
      folders.fresh(),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--env redis=DB-PASS=<hidden>:");
    expect(run.stderr).not.toContain("hunter2-label");
  });

  it("any UsageError masks what it quotes", () => {
    const error = new UsageError({ path: "x", message: `bad "${BY_VALUE.OPENAI}"`, hint: BY_VALUE.SESSION });
    expect(leaksIn(`${error.message} ${JSON.stringify(error.problems)}`)).toEqual([]);
  });
});

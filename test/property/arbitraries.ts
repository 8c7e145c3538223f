import fc from "fast-check";
import { POSTGRES_EXTENSIONS } from "../../src/spec/catalog/extensions.js";
import { SERVICE_KINDS } from "../../src/spec/catalog/services.js";
import type { StackSpecInput } from "../../src/spec/schema.js";

/**
 * Random specs for the property tests: names and values from hostile alphabets (quotes, backslashes,
 * `${}`, comment and string terminators, line breaks, control characters, unicode, reserved words of
 * TypeScript and Python, dashes), random kinds, versions, extensions, ports, mounts, dependency graphs,
 * matrices and env values, credentials among them. Most values are plausible so that a good share of
 * specs is valid and reaches the renderers; the rest must be rejected cleanly.
 */
type ServiceInput = StackSpecInput["services"][number];

const NASTY = [
  '"',
  "'",
  "`",
  "\\",
  "\\n",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is the hostile input here.
  "${x}",
  "${",
  "}",
  "{{",
  "}}",
  "{",
  "*/",
  "/*",
  "//",
  "#",
  '"""',
  "'''",
  "\n",
  "\r\n",
  "\t",
  "\u0000",
  "\u001b[2J",
  "\u2028",
  "\u2029",
  "é",
  "ß",
  "日本",
  "🎉",
  "\ud800",
  "$",
  "%s",
  "-",
  "--",
  "_",
  " ",
  ":",
  "@",
  "..",
  "~",
  "/",
  ";",
  "|",
  "&&",
  "$(id)",
  "<",
  ">",
];

const WORDS = [
  "class",
  "await",
  "None",
  "True",
  "def",
  "lambda",
  "constructor",
  "__proto__",
  "toString",
  "prototype",
  "self",
  "internal",
  "stack",
  "service",
  "shared",
  "config",
  "urls",
  "db",
  "api",
  "ab",
  "ab1",
  "ab-1",
  "x",
  "1",
  "2",
];

/** Valid most of the time: each field is wrong in about one spec in thirty, so many specs stay valid. */
function mostly<T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>): fc.Arbitrary<T | U> {
  return fc.oneof({ weight: 30, arbitrary: valid }, { weight: 1, arbitrary: invalid });
}

/** Absent most of the time. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, weight = 1): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight, arbitrary });
}

/** `first` then up to `max` characters of `rest`: a fast stand-in for fc.stringMatching. */
function word(first: string, rest: string, max: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...first), fc.string({ unit: fc.constantFrom(...rest), maxLength: max }))
    .map(([head, tail]) => head + tail);
}

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const UPPER = LOWER.toUpperCase();

/** Parts joined by `separator`, e.g. `ab-12-x`. */
const joined = (parts: fc.Arbitrary<string>[], separator: string) =>
  fc.tuple(...parts).map((items) => items.filter(Boolean).join(separator));

const optional = (arbitrary: fc.Arbitrary<string>) => fc.oneof(fc.constant(""), arbitrary);

const token = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.constantFrom(...WORDS) },
);

/** Text from the hostile alphabet: 0 to 4 tokens. */
export const nastyText = fc.array(token, { maxLength: 4 }).map((parts) => parts.join(""));

/** Mostly valid service names, some that collide as identifiers, some hostile. */
const serviceName = fc.oneof(
  {
    weight: 40,
    arbitrary: joined(
      [
        word(LOWER, LOWER + DIGITS, 5),
        optional(word(LOWER + DIGITS, LOWER + DIGITS, 3)),
        optional(word(LOWER + DIGITS, LOWER + DIGITS, 3)),
      ],
      "-",
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "ab-1",
      "ab1",
      "a--b",
      "a-b",
      "db-2",
      "db2",
      "to-string",
      "proto",
      "constructor",
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom("ab-", "internal", "class", "stack") },
  { weight: 1, arbitrary: nastyText },
);

const projectName = mostly(
  fc.oneof(
    word(LOWER + UPPER, `${LOWER}${UPPER}${DIGITS}_-`, 10),
    fc.constantFrom("demo", "define", "Stack", "my_app-2", "x", "Config", "urls"),
  ),
  fc.oneof(fc.constantFrom("service", "shared"), nastyText),
);

const plausibleText = fc.oneof(word(LOWER, `${LOWER}${DIGITS}_.-`, 8), nastyText);

const envName = mostly(
  fc.oneof(
    word(UPPER, `${UPPER}${DIGITS}_`, 8),
    fc.constantFrom("DB_PASS", "PWD", "JWT", "API_KEY", "MONKEY", "KEYBOARD_LAYOUT", "LOG_LEVEL"),
  ),
  nastyText,
);

/** Env values that are credentials, which must never appear in a generated file. */
export const CREDENTIAL_VALUES = [
  "postgres://app:s3cr3t@db:5432/app",
  "sk-abcdefghijklmnopqrstuvwx0123",
  "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefghijklmnop",
  "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----",
];

/** Marks a value as one a leak check can look for: it never occurs in generated code by itself. */
export const SECRET_MARKER = "s3cr3t";

const envValue = fc.oneof(
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 100_000, max: 999_999 }), nastyText)
      .map(([id, text]) => `${SECRET_MARKER}${id}${text}`),
  },
  { weight: 4, arbitrary: nastyText },
  { weight: 1, arbitrary: fc.constantFrom(...CREDENTIAL_VALUES) },
  { weight: 1, arbitrary: fc.constantFrom("env://HOST_TOKEN", "env://OTHER") },
  { weight: 1, arbitrary: mostly(fc.constant("env://X_Y"), fc.constantFrom("env://", "env://bad name")) },
  { weight: 1, arbitrary: fc.oneof(fc.integer({ min: -5, max: 99999 }), fc.boolean()) },
);

const hostPath = mostly(
  fc.oneof(
    fc
      .tuple(
        fc.constantFrom("", "./"),
        joined(
          [
            word(LOWER, `${LOWER}${DIGITS}_`, 6),
            optional(word(`${LOWER}${DIGITS}_`, `${LOWER}${DIGITS}_.-`, 5)),
          ],
          "/",
        ),
      )
      .map(([prefix, path]) => prefix + path),
    nastyText.filter(
      (text) => text !== "" && !/^[~/\\]|\p{Cc}|(^|[/\\])\.\.([/\\]|$)|^[A-Za-z]:/u.test(text),
    ),
  ),
  fc.constantFrom("~/.ssh", "~", "../..", "a/../../b", "/etc", "C:\\x", "a\u0000"),
);

const containerPath = mostly(
  fc.oneof(
    joined(
      [word(LOWER, `${LOWER}${DIGITS}_`, 6), optional(word(`${LOWER}${DIGITS}_`, `${LOWER}${DIGITS}_.-`, 5))],
      "/",
    ).map((path) => `/${path}`),
    nastyText.filter((text) => !/\p{Cc}/u.test(text)).map((text) => `/${text}`),
  ),
  nastyText,
);

const image = mostly(
  fc.constantFrom("python:3.12-slim", "alpine:3.20", "debian:12-slim", "ghcr.io/acme/tool:1@sha256:abc"),
  nastyText,
);

const port = mostly(
  fc.integer({ min: 1024, max: 65535 }),
  fc.constantFrom(0, -1, 65536, 5432, 6379, 8000, 3.5),
);

const healthPath = mostly(
  nastyText.filter((text) => !/\p{Cc}/u.test(text)).map((text) => `/${text}`),
  nastyText,
);

function versionFor(kind: string): fc.Arbitrary<string> {
  const versions = Object.keys(SERVICE_KINDS.find((entry) => entry.kind === kind)?.images ?? {});
  return versions.length > 0 ? mostly(fc.constantFrom(...versions), nastyText) : nastyText;
}

const EXTENSION_IDS = POSTGRES_EXTENSIONS.map((extension) => extension.id);

/** A service of a random kind with options that kind takes, now and then one it does not. */
function service(name: string, names: readonly string[]): fc.Arbitrary<ServiceInput> {
  const earlier = names.slice(0, names.indexOf(name));
  return fc
    .oneof(
      { weight: 60, arbitrary: fc.constantFrom(...SERVICE_KINDS.map((kind) => kind.kind)) },
      { weight: 1, arbitrary: nastyText },
    )
    .chain((kind) => {
      const options = SERVICE_KINDS.find((entry) => entry.kind === kind)?.options ?? [];
      const has = (option: string) => options.includes(option as never);
      const maybe = <T>(option: string, arbitrary: fc.Arbitrary<T>) =>
        has(option) ? fc.option(arbitrary, { nil: undefined, freq: 2 }) : fc.constant(undefined);
      return fc.record({
        name: fc.constant(name),
        kind: fc.constant(kind),
        version: maybe("version", versionFor(kind)),
        port: fc.option(port, { nil: undefined, freq: 3 }),
        extensions: maybe(
          "extensions",
          fc.uniqueArray(mostly(fc.constantFrom(...EXTENSION_IDS), nastyText), { maxLength: 3 }),
        ),
        database: maybe("database", plausibleText),
        user: maybe("user", plausibleText),
        build: maybe(
          "build",
          fc.oneof(
            hostPath,
            fc.record({ context: hostPath, dockerfile: fc.option(hostPath, { nil: undefined }) }),
          ),
        ),
        image: kind === "custom" ? image : fc.constant(undefined),
        packages: maybe(
          "packages",
          fc.record({
            apt: fc.array(plausibleText, { maxLength: 2 }),
            pip: fc.array(plausibleText, { maxLength: 2 }),
          }),
        ),
        mounts: maybe(
          "mounts",
          fc.array(fc.record({ source: hostPath, target: containerPath }), { maxLength: 2 }),
        ),
        command: maybe("command", fc.array(nastyText, { maxLength: 3 })),
        healthPath: maybe("healthPath", healthPath),
        dependsOn: sometimes(mostly(fc.subarray(earlier), fc.subarray([...names, "nowhere"]))),
        env: sometimes(fc.dictionary(envName, envValue, { maxKeys: 4 }), 2),
      });
    })
    .map(withoutUndefined);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** A whole spec: 1 to 4 services whose dependencies and matrix entries name each other. */
export const specArbitrary: fc.Arbitrary<StackSpecInput> = fc
  .uniqueArray(serviceName, { minLength: 1, maxLength: 4 })
  .chain((names) =>
    fc.record({
      name: projectName,
      language: fc.constantFrom("typescript", "python"),
      services: fc.tuple(...names.map((name) => service(name, names))),
      matrix: sometimes(
        fc.dictionary(
          mostly(word(LOWER, `${LOWER}${DIGITS}_`, 6), fc.oneof(nastyText, fc.constantFrom("a_1", "stack_"))),
          fc.uniqueArray(
            fc.oneof(fc.constantFrom(...names), fc.constantFrom("postgres", "chromadb", "redis")),
            {
              minLength: 1,
              maxLength: 3,
            },
          ),
          { minKeys: 1, maxKeys: 2 },
        ),
      ),
      ci: fc.constantFrom("github", "gitlab", "none"),
      nodeVersions: sometimes(
        fc.array(mostly(fc.constantFrom("20", "22", "22.12"), nastyText), { maxLength: 2 }),
      ),
      pythonVersions: sometimes(
        fc.array(mostly(fc.constantFrom("3.11", "3.12"), nastyText), { maxLength: 2 }),
      ),
    }),
  )
  .map((spec) => withoutUndefined(spec) as StackSpecInput);

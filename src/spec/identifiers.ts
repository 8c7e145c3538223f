import type { Problem } from "../errors.js";
import { namesOf, SERVICE_NAME } from "./names.js";
import { GENERATED_TYPES, RESERVED_NAMES, STACK_CLASS_MEMBERS } from "./reserved.js";
import type { StackSpec } from "./schema.js";

/**
 * Names that turn into the same identifier in generated code. Each service becomes a camelCase key and
 * `build<Name>()` in TypeScript and a snake_case prefix in Python, so `ab-1` and `ab1` (both `ab1` in
 * TypeScript), `a--b` and `a-b`, or `ab` and `ab-` would declare one identifier twice. Python also
 * flattens config fields (`postgres_host_port`), so `postgres-host` + `port` and `postgres` + `host_port`
 * would be one field. Every such pair is reported, naming both, instead of generating code that does not
 * compile.
 */
export const FLATTENED_SUFFIXES = [
  "image",
  "context",
  "dockerfile",
  "port",
  "host_port",
  "user",
  "database",
  "password",
  "url",
  "extra_ports",
];

/** What generated TypeScript appends to the project's PascalCase name: `KbConfig`, `KbStack`, `KbUrls`. */
const PROJECT_TYPE_SUFFIXES = ["Config", "ConfigOverrides", "Stack", "ServiceName", "Urls"];

interface Owner {
  path: string;
  /** How the owner is named in another's message: `services[0] ("ab-1")`. */
  label: string;
}

export function checkGeneratedNames(spec: StackSpec): Problem[] {
  const owners = new Map<string, Owner>();
  /** One problem per pair of owners: the first identifier they share. */
  const reported = new Map<string, Problem>();
  const claim = (language: string, identifier: string, owner: Owner) => {
    const key = `${language} ${identifier}`;
    const first = owners.get(key);
    if (first === undefined) owners.set(key, owner);
    else if (first.path !== owner.path && !reported.has(`${first.path} ${owner.path}`)) {
      reported.set(`${first.path} ${owner.path}`, {
        path: owner.path,
        message: `becomes ${identifier} in the generated ${language}, as ${first.label} does`,
        hint: "rename one of them",
      });
    }
  };
  const problems: Problem[] = [];
  spec.services.forEach((service, index) => {
    if (!SERVICE_NAME.test(service.name)) return;
    if (spec.services.findIndex((other) => other.name === service.name) !== index) return;
    const owner = { path: `services[${index}].name`, label: `services[${index}] ("${service.name}")` };
    const { camel, snake } = namesOf(service.name);
    claim("TypeScript", camel, owner);
    claim("Python", snake, owner);
    problems.push(...checkMembers(service.name, owner.path));
    for (const suffix of FLATTENED_SUFFIXES) claim("Python", `${snake}_${suffix}`, owner);
  });
  for (const axis of Object.keys(spec.matrix ?? {})) {
    const owner = { path: `matrix.${axis}`, label: `matrix.${axis}` };
    claim("TypeScript", `fixture ${namesOf(axis).camel}`, owner);
    claim("Python", axis, owner);
  }
  return [...reported.values(), ...problems, ...checkAxisFixtures(spec)];
}

/** The methods a service adds to the stack class, by language: `internal` adds `internalUrl`. */
export function serviceMembers(name: string): Record<keyof typeof STACK_CLASS_MEMBERS, string[]> {
  const { pascal, camel, snake } = namesOf(name);
  return { TypeScript: [`build${pascal}`, `${camel}Url`], Python: [`build_${snake}`, `_${snake}_url`] };
}

/** `constructor`, `toString`, ...: keys every JavaScript object has, so `services.toString` is never unset. */
const OBJECT_MEMBERS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

function checkMembers(name: string, path: string): Problem[] {
  const { camel } = namesOf(name);
  if (OBJECT_MEMBERS.has(camel)) {
    return [
      {
        path,
        message: `"${name}" becomes ${camel} in the generated TypeScript, a key every JavaScript object already has`,
        hint: `e.g. "${name}-service"`,
      },
    ];
  }
  return Object.entries(serviceMembers(name)).flatMap(([language, members]): Problem[] => {
    const taken = members.find((member) => STACK_CLASS_MEMBERS[language as Language].has(member));
    if (taken === undefined) return [];
    return [
      {
        path,
        message: `"${name}" would add a method ${taken} to the generated ${language} stack class, which already has one`,
        hint: `e.g. "${name}-service"`,
      },
    ];
  });
}

type Language = keyof typeof STACK_CLASS_MEMBERS;

/**
 * A fixture whose TypeScript name is a reserved one (`stack_` is `stack`, `on_test_failed` Vitest's) or a
 * key every object has (`to_string`). A reserved name as written is checkMatrix()'s to report.
 */
function checkAxisFixtures(spec: StackSpec): Problem[] {
  return Object.keys(spec.matrix ?? {}).flatMap((axis): Problem[] => {
    const camel = namesOf(axis).camel;
    const reserved = (camel !== axis && RESERVED_NAMES.has(camel)) || OBJECT_MEMBERS.has(camel);
    if (!reserved) return [];
    return [
      {
        path: `matrix.${axis}`,
        message: `becomes the fixture ${camel} in the generated TypeScript, a name it already uses`,
        hint: "choose another fixture name, e.g. vector_backend",
      },
    ];
  });
}

/** A valid project name `service` would declare `ServiceUrls`, a type the generated code already has. */
export function checkProjectTypes(name: string): Problem[] {
  const { pascal } = namesOf(name);
  const clash = PROJECT_TYPE_SUFFIXES.map((suffix) => `${pascal}${suffix}`).find((type) =>
    GENERATED_TYPES.has(type),
  );
  if (clash === undefined) return [];
  return [
    {
      path: "name",
      message: `"${name}" would name a type ${clash}, which the generated code already declares`,
      hint: `choose another project name, e.g. "${name}-app"`,
    },
  ];
}

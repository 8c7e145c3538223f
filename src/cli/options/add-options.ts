import { rawServices } from "./raw.js";
import { RUN_OPTIONS } from "./run-options.js";
import { SERVICE_OPTIONS } from "./service-options.js";
import type { Applied, OptionDef, RawSpec, ServiceTarget, ValueOption } from "./types.js";
import { FlagValueError } from "./values.js";

/**
 * `add`'s flags. Every per-service flag of create describes the one new service here, so it drops the
 * `<service>=` prefix: `add redis --port 6380` applies create's `--port <service>=6380` to the new service,
 * with the same parsing, merging, prompt and validation. The new service is always the spec's last one.
 */
export interface AddServiceOption extends ValueOption {
  target: ServiceTarget;
  /** Repeats add up (`--extension a --extension b` is `--extension a,b`); otherwise each applies in turn. */
  addsUp: boolean;
}

interface Override {
  name?: string;
  aliases?: string[];
  description?: string;
  addsUp?: boolean;
}

const OVERRIDES: Readonly<Record<string, Override>> = {
  "service-version": {
    name: "version",
    aliases: ["service-version"],
    description:
      "Version from the catalog, e.g. 17 for postgres (the tool's own version: create-dagger-stack --version)",
  },
  extensions: {
    name: "extension",
    aliases: ["extensions"],
    description: "Postgres extensions, comma-separated or repeated",
    addsUp: true,
  },
  "depends-on": {
    description: "Services it waits for before starting, comma-separated or repeated",
    addsUp: true,
  },
  apt: { addsUp: true },
  pip: { addsUp: true },
};

/** The name create's apply() finds the new service by while it applies one value to it. */
const NEW_SERVICE = "new";

function forNewService(source: ValueOption): AddServiceOption {
  const target = source.target;
  if (target?.scope !== "service") throw new Error(`--${source.name} is not a per-service flag`);
  const override = OVERRIDES[source.name] ?? {};
  const name = override.name ?? source.name;
  const example = `--${name} ${afterServiceName(source.example)}`;
  return {
    ...source,
    name,
    aliases: override.aliases,
    value: source.value.replace(/^<service>=/, ""),
    description: override.description ?? source.description,
    example,
    group: "service",
    addsUp: override.addsUp ?? false,
    target: {
      scope: "service",
      field: target.field,
      ask: target.ask,
      apply: (raw, text) => applyToNewService(raw, text, { target, from: source.example, to: example }),
    },
  };
}

/** `--port redis=6380` → `6380`. */
function afterServiceName(example: string): string {
  const value = example.slice(example.indexOf(" ") + 1);
  return value.slice(value.indexOf("=") + 1);
}

interface Source {
  target: ServiceTarget;
  /** create's example, replaced by add's in the hints create's parsers give. */
  from: string;
  to: string;
}

function applyToNewService(raw: RawSpec, text: string, source: Source): Applied[] {
  const services = rawServices(raw);
  const index = services.length - 1;
  const service = services[index];
  if (!service) throw new Error("add's flags apply to the new service, and the spec has none");
  const solo: RawSpec = { services: [{ ...service, name: NEW_SERVICE }] };
  try {
    const applied = source.target.apply(solo, `${NEW_SERVICE}=${text}`);
    (raw.services as unknown[])[index] = { ...rawServices(solo)[0], name: service.name };
    return applied.map(({ path }) => ({ path: path.replace(/^services\[0\]/, `services[${index}]`) }));
  } catch (error) {
    if (!(error instanceof FlagValueError)) throw error;
    // create's hints name the service the value was for, here the stand-in name.
    const asCreate = source.from.replace(/ [^\s=]+=/, ` ${NEW_SERVICE}=`);
    throw new FlagValueError(
      error.message,
      error.hint.replace(asCreate, source.to).replace(source.from, source.to),
    );
  }
}

export const ADD_SERVICE_OPTIONS: readonly AddServiceOption[] = SERVICE_OPTIONS.map(forNewService);

export const ADD_NAME: ValueOption = {
  name: "name",
  type: "string",
  value: "<name>",
  description: "Service name (default: the kind)",
  example: "--name cache",
  multiple: false,
  group: "service",
};

export const ADD_MATRIX: ValueOption = {
  name: "matrix",
  type: "string",
  value: "<axis>",
  description:
    "Also run the tests of this testing-matrix fixture against it, e.g. backend (a new name starts a new matrix)",
  example: "--matrix backend",
  multiple: false,
  group: "service",
};

export const ADD_DIR: ValueOption = {
  name: "dir",
  type: "string",
  value: "<path>",
  description:
    "The folder holding the stack and its dagger-stack.json (default: the nearest one from the current folder up)",
  example: "--dir ./my-app",
  multiple: false,
  group: "run",
};

const ADD_SWITCHES = new Set(["yes", "dry-run", "diff", "force", "upgrade-deps", "interactive", "help"]);

/** Every flag of `add`, in the order --help lists them. */
export const ADD_OPTIONS: readonly OptionDef[] = [
  ADD_NAME,
  ...ADD_SERVICE_OPTIONS,
  ADD_MATRIX,
  ADD_DIR,
  ...RUN_OPTIONS.filter((option) => ADD_SWITCHES.has(option.name)),
];

import { requirementName } from "../../edit/toml/pyproject.js";
import { childKeys, stringItems } from "../../edit/toml/query.js";
import { scanToml } from "../../edit/toml/scan.js";
import { NPM_PACKAGES, PYTHON_PACKAGES } from "./catalog.js";
import { type Clue, escapeRegExp, lineOf } from "./evidence.js";

/**
 * Client libraries in package.json and in Python manifests (pyproject.toml with PEP 621 dependencies,
 * optional dependencies, dependency groups or Poetry tables; requirements*.txt; Pipfile).
 */
export interface NpmManifest {
  clues: Clue[];
  /** Every package the manifest depends on, for the ORM readers to check. */
  packages: Set<string>;
  /** package.json's `prisma.schema`, when set. */
  prismaSchema?: string;
}

const NPM_SECTIONS = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"];

export function npmManifest(text: string, path: string): NpmManifest {
  const json = JSON.parse(text) as Record<string, unknown>;
  const versions = new Map<string, string>();
  for (const section of NPM_SECTIONS) {
    const entries = json[section];
    if (entries && typeof entries === "object") {
      for (const [name, version] of Object.entries(entries)) versions.set(name, String(version));
    }
  }
  const clues = [...versions]
    .filter(([name]) => NPM_PACKAGES[name])
    .map(([name, version]) => ({
      signal: NPM_PACKAGES[name] ?? { kind: "postgres" as const },
      evidence: {
        at: { file: path, line: lineOf(text, new RegExp(`"${escapeRegExp(name)}"\\s*:`)), column: 1 },
        source: "npm" as const,
        detail: `${name} ${version}`,
      },
    }));
  const prisma = json.prisma as { schema?: unknown } | undefined;
  const manifest: NpmManifest = { clues, packages: new Set(versions.keys()) };
  if (typeof prisma?.schema === "string") manifest.prismaSchema = prisma.schema;
  return manifest;
}

export type PythonManifestFormat = "pyproject" | "requirements" | "pipfile";

export function pythonManifest(text: string, path: string, format: PythonManifestFormat): Clue[] {
  return requirementNames(text, format)
    .filter((requirement) => PYTHON_PACKAGES[requirementName(requirement)])
    .map((requirement) => {
      const name = requirementName(requirement);
      const written = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement)?.[1] ?? name;
      return {
        signal: PYTHON_PACKAGES[name] ?? { kind: "postgres" as const },
        evidence: {
          at: {
            file: path,
            line: lineOf(text, new RegExp(`(?<=^|["'\\s])${escapeRegExp(written)}\\b`, "m")),
            column: 1,
          },
          source: "python" as const,
          detail: requirement.trim(),
        },
      };
    });
}

function requirementNames(text: string, format: PythonManifestFormat): string[] {
  if (format === "requirements") return requirementLines(text);
  const doc = scanToml(text);
  if (format === "pipfile") return ["packages", "dev-packages"].flatMap((table) => childKeys(doc, [table]));
  const poetryGroups = childKeys(doc, ["tool", "poetry", "group"]).map((group) => [
    "tool",
    "poetry",
    "group",
    group,
    "dependencies",
  ]);
  return [
    ...stringItems(doc, ["project", "dependencies"]),
    ...childKeys(doc, ["project", "optional-dependencies"]).flatMap((extra) =>
      stringItems(doc, ["project", "optional-dependencies", extra]),
    ),
    ...childKeys(doc, ["dependency-groups"]).flatMap((group) =>
      stringItems(doc, ["dependency-groups", group]),
    ),
    ...[["tool", "poetry", "dependencies"], ["tool", "poetry", "dev-dependencies"], ...poetryGroups].flatMap(
      (table) => childKeys(doc, table).filter((name) => name !== "python"),
    ),
  ];
}

/** A requirements file's requirement lines: no comments, blank lines or options (`-r`, `--index-url`). */
function requirementLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, "").trim())
    .filter((line) => line !== "" && !line.startsWith("-"));
}

import { DATABASE_NAMES, EMBEDDED_DATABASES, PRISMA_EXTENSIONS } from "./catalog.js";
import { type Clue, type Evidence, lineOf } from "./evidence.js";

/**
 * Database settings in ORM configuration and connection URLs: prisma's datasource provider (and its
 * Postgres extensions), TypeORM's `type`, knex's `client`, drizzle's `dialect` (or older `driver`), and
 * URLs such as SQLAlchemy's `postgresql+asyncpg://`. A database the stack has no container for is
 * returned apart, for a warning.
 */
export interface SettingsFound {
  clues: Clue[];
  unsupported: Array<{ name: string; evidence: Evidence }>;
}

type SettingSource = "prisma" | "typeorm" | "knex" | "drizzle";

const SETTINGS: Readonly<Record<SettingSource, RegExp>> = {
  prisma: /\bprovider\s*=\s*"([\w+-]+)"/g,
  typeorm: /\btype\s*:\s*["']([\w+-]+)["']/g,
  knex: /\bclient\s*:\s*["']([\w+-]+)["']/g,
  drizzle: /\b(?:dialect|driver)\s*:\s*["']([\w+-]+)["']/g,
};

export function ormSettings(text: string, path: string, source: SettingSource): SettingsFound {
  const body = source === "prisma" ? datasourceBlocks(text) : text;
  const found = collect(text, body, path, source, SETTINGS[source], (match) => `${match.trim()}`);
  if (source !== "prisma") return found;
  return { ...found, clues: [...found.clues, ...prismaExtensions(text, path)] };
}

const URL = /\b(postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?)(\+\w+)?:\/\//g;

export function connectionUrls(text: string, path: string): SettingsFound {
  return collect(text, text, path, "url", URL, (match) => `${match} URL`);
}

function collect(
  text: string,
  body: string,
  path: string,
  source: Evidence["source"],
  pattern: RegExp,
  describe: (match: string) => string,
): SettingsFound {
  const result: SettingsFound = { clues: [], unsupported: [] };
  for (const match of body.matchAll(pattern)) {
    const name = (match[1] ?? "").toLowerCase();
    if (EMBEDDED_DATABASES.has(name)) continue;
    const offset = body === text ? (match.index ?? 0) : text.indexOf(match[0]);
    const evidence: Evidence = {
      at: { file: path, line: text.slice(0, Math.max(offset, 0)).split("\n").length, column: 1 },
      source,
      detail: describe(match[0]),
    };
    const signal = DATABASE_NAMES[name];
    if (signal) result.clues.push({ signal, evidence });
    else if (signal === null) result.unsupported.push({ name, evidence });
  }
  return result;
}

function datasourceBlocks(text: string): string {
  return [...text.matchAll(/\bdatasource\s+\w+\s*\{[^}]*\}/g)].map((match) => match[0]).join("\n");
}

function prismaExtensions(text: string, path: string): Clue[] {
  const list = /\bextensions\s*=\s*\[([^\]]*)\]/.exec(datasourceBlocks(text))?.[1] ?? "";
  return [...list.matchAll(/\b(\w+)/g)]
    .map((match) => match[1] ?? "")
    .filter((name) => PRISMA_EXTENSIONS[name])
    .map((name) => ({
      signal: { kind: "postgres" as const, extension: PRISMA_EXTENSIONS[name] },
      evidence: {
        at: { file: path, line: lineOf(text, /\bextensions\s*=/), column: 1 },
        source: "prisma" as const,
        detail: `extensions = [${name}]`,
      },
    }));
}

import { isAbsolute, relative, resolve, sep } from "node:path";
import { type Problem, UsageError } from "../../errors.js";
import type { Candidate } from "../../migrate/index.js";
import type { ComposeReadOptions } from "../../readers/index.js";
import { LANGUAGES } from "../../spec/choices.js";
import type { Language } from "../../spec/model.js";
import { choicesHint } from "../../util/did-you-mean.js";
import { lastValueOf, type ParsedArgs, valuesOf } from "../argv.js";
import {
  MIGRATE_ENV_FILE,
  MIGRATE_FILE,
  MIGRATE_LANG,
  MIGRATE_PROFILE,
  MIGRATE_REPORT,
  MIGRATE_SERVICES,
} from "../options/migrate-options.js";

/**
 * migrate's flags, checked and turned into what the readers and the converter take. Paths on the
 * command line are relative to the current folder, as docker compose reads them; the readers want them
 * relative to the project. Every problem is reported at once.
 */
export interface MigrateRequest {
  read: ComposeReadOptions;
  /** The services named with --services, in the project's names. */
  services?: string[];
  language?: Language;
  /** --report's file, relative to the project folder (may climb to the repository's root). */
  reportFile?: string;
}

export function readRequest(parsed: ParsedArgs, cwd: string, target: string, root: string): MigrateRequest {
  const problems: Problem[] = [];
  const inProject = (flag: string, text: string, example: string) => {
    const path = projectPath(cwd, target, target, text);
    if (path === undefined) problems.push(outside(flag, text, example));
    return path ?? "";
  };
  const files = valuesOf(parsed, MIGRATE_FILE).map((text) => inProject("--file", text, "-f compose.yaml"));
  const envFiles = valuesOf(parsed, MIGRATE_ENV_FILE).map((text) =>
    inProject("--env-file", text, "--env-file .env.test"),
  );
  const profiles = valuesOf(parsed, MIGRATE_PROFILE).flatMap(splitList);
  const read: ComposeReadOptions = {
    ...(files.length > 0 && { files }),
    ...(envFiles.length > 0 && { envFiles }),
    ...(profiles.length > 0 && { profiles }),
  };
  const request: MigrateRequest = { read };
  const services = lastValueOf(parsed, MIGRATE_SERVICES);
  if (services !== undefined) request.services = splitList(services);
  const language = lastValueOf(parsed, MIGRATE_LANG);
  if (language !== undefined) {
    if ((LANGUAGES as readonly string[]).includes(language)) request.language = language as Language;
    else
      problems.push({
        path: "--lang",
        message: `unknown language "${language}"`,
        hint: choicesHint(language, LANGUAGES),
      });
  }
  const report = lastValueOf(parsed, MIGRATE_REPORT);
  if (report !== undefined) {
    const path = projectPath(cwd, target, root, report);
    if (path === undefined) problems.push(outside("--report", report, "--report migration.json"));
    else request.reportFile = path;
  }
  if (problems.length > 0) throw new UsageError(problems);
  return request;
}

/** `text` (relative to the cwd) as a path from `target`, if it lies inside `within`. */
function projectPath(cwd: string, target: string, within: string, text: string): string | undefined {
  const absolute = resolve(cwd, text);
  const fromWithin = relative(within, absolute);
  if (fromWithin === "" || fromWithin.startsWith("..") || isAbsolute(fromWithin)) return undefined;
  return relative(target, absolute).split(sep).join("/");
}

function outside(flag: string, text: string, example: string): Problem {
  return {
    path: flag,
    message: `${text} is outside the project`,
    hint: `name a file inside it, e.g. ${example}`,
  };
}

function splitList(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** --services names that the project does not have, with the names it does. */
export function checkSelection(services: readonly string[], candidates: readonly Candidate[]): void {
  const names = candidates.map((candidate) => candidate.name);
  const problems = services.flatMap((name): Problem[] => {
    const candidate = candidates.find((entry) => entry.name === name);
    if (!candidate) {
      return [
        {
          path: "--services",
          message: `the project has no service named "${name}"`,
          hint: choicesHint(name, names),
        },
      ];
    }
    if (candidate.skipped) {
      return [
        {
          path: "--services",
          message: `${name} cannot be carried over: ${candidate.skipped}`,
          hint: "leave it out",
        },
      ];
    }
    return [];
  });
  if (problems.length > 0) throw new UsageError(problems);
}

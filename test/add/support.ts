import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { type AddPlan, type AddRequest, planAdd } from "../../src/plan/add/index.js";
import { planCreate } from "../../src/plan/create.js";
import type { RenderContext } from "../../src/render/context.js";
import { loadStack } from "../../src/spec/load.js";
import { type FileChange, memoryReader, VirtualTree } from "../../src/tree/tree.js";

/** Helpers for `add` tests: generate a project in memory, edit it like a user, grow it with planAdd. */
export type Files = Record<string, string>;

export const TOOL_VERSION = "0.1.0";

const SPECS = join(import.meta.dirname, "..", "fixtures", "specs");

export function fixtureSpec(name: string): unknown {
  return parse(readFileSync(join(SPECS, `${name}.yaml`), "utf8"));
}

/** What `create` writes for a spec on an empty folder. */
export function generate(spec: unknown, context?: RenderContext): Files {
  const tree = new VirtualTree(memoryReader({}));
  planCreate(loadStack(spec), tree, TOOL_VERSION, context);
  return applyChanges({}, tree.changes());
}

export interface AddRun {
  plan: AddPlan;
  changes: FileChange[];
  files: Files;
}

export function runAdd(files: Files, request: AddRequest, context?: RenderContext): AddRun {
  const tree = new VirtualTree(memoryReader(files));
  const plan = planAdd(request, tree, TOOL_VERSION, { context });
  const changes = tree.changes();
  return { plan, changes, files: applyChanges(files, changes) };
}

export function applyChanges(files: Files, changes: readonly FileChange[]): Files {
  return { ...files, ...Object.fromEntries(changes.map((change) => [change.path, change.content])) };
}

/** Edits one file as a user would: a text replacement that must apply. */
export function userEdit(files: Files, path: string, edit: (text: string) => string): Files {
  const before = files[path];
  if (before === undefined) throw new Error(`no ${path}`);
  const after = edit(before);
  if (after === before) throw new Error(`the user edit of ${path} changed nothing`);
  return { ...files, [path]: after };
}

export function replaceOnce(text: string, search: string, replacement: string): string {
  const at = text.indexOf(search);
  if (at === -1) throw new Error(`"${search}" not found`);
  return text.slice(0, at) + replacement + text.slice(at + search.length);
}

export function manifestSpec(files: Files): unknown {
  return JSON.parse(files["dagger-stack.json"] ?? "{}").spec;
}

/** Source text written indented inside a test: drops the first newline and the common indentation. */
export function code(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce(
    (text, part, index) => `${text}${part}${index < values.length ? String(values[index]) : ""}`,
    "",
  );
  const body = raw.replace(/^\n/, "").replace(/\n[ \t]*$/, "\n");
  const indents = body
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => /^ */.exec(line)?.[0].length ?? 0);
  const common = Math.min(...indents);
  return body
    .split("\n")
    .map((line) => line.slice(common))
    .join("\n");
}

export const crlf = (text: string): string => text.replace(/\n/g, "\r\n");

/** Two-space indentation becomes four, as a team formatter would leave it (JSDoc's ` * ` keeps its space). */
export function reindentTo4(text: string): string {
  return text.replace(/^( +)/gm, (spaces) =>
    " ".repeat(Math.floor(spaces.length / 2) * 4 + (spaces.length % 2)),
  );
}

export const USER_COMMENT = "      // ours: CI runs this with a tmpfs data dir\n";
export const USER_METHOD =
  "  /** Ours: loads the fixtures our tests share. */\n  async seed(): Promise<void> {\n    await this.stop();\n  }\n\n";

/** A generated project after months with its team: every kind of edit add must keep. */
export function editedKnowledgebeast(): Files {
  let files = generate(fixtureSpec("knowledgebeast"));
  files = userEdit(files, "stack/stack.ts", (text) =>
    crlf(
      replaceOnce(
        replaceOnce(
          text,
          '      .withEnvVariable("POSTGRES_USER", user)\n',
          `${USER_COMMENT}      .withEnvVariable("POSTGRES_USER", user)\n`,
        ),
        "  /** Both URLs of every started service. */\n",
        `${USER_METHOD}  /** Both URLs of every started service. */\n`,
      ),
    ),
  );
  files = userEdit(files, "stack/config.ts", (text) =>
    reindentTo4(
      replaceOnce(
        text,
        "hostPort: 8000,\n        ...services.chromadb",
        "hostPort: 18000,\n        ...services.chromadb",
      ),
    ),
  );
  files = userEdit(files, ".github/workflows/dagger-stack.yml", (text) =>
    replaceOnce(text, "          - smoke\n", "          - smoke # every push\n"),
  );
  return files;
}

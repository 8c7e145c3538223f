import { PACKAGE, PY_PATHS } from "../../render/python/names.js";
import type { VirtualTree } from "../../tree/tree.js";

/** The plugin module tests/conftest.py loads: the stack's fixtures, markers and hooks. */
export const FIXTURES_PLUGIN = `${PACKAGE}.fixtures`;
const CONFTEST_COMMENT = "# The Dagger stack's fixtures, markers and hooks (create-dagger-stack).";
const PLUGINS_LINE = `pytest_plugins = ["${FIXTURES_PLUGIN}"]`;

/** Loads the plugin from `path` (pluginConftest()); warns about a fixture of the user's that replaces the stack's. */
export function writeConftest(tree: VirtualTree, path: string): string[] {
  const existing = tree.read(path);
  const merged = mergeConftest(existing);
  if (merged !== existing) tree.write(path, merged, "merged");
  return [...new Set([path, PY_PATHS.conftest])].flatMap((conftest) => {
    const text = tree.read(conftest);
    if (text === undefined || !/^\s*(async\s+)?def\s+anyio_backend\b/m.test(text)) return [];
    return [
      `${conftest}: your anyio_backend fixture replaces the stack's; the stack's session-scoped fixtures need it session-scoped and returning "asyncio"`,
    ];
  });
}

/**
 * tests/conftest.py loading the fixtures plugin. pytest_plugins, not a star import: it registers the
 * plugin's hooks and fixtures whatever the project's linter says about `import *`, and fixtures the
 * conftest defines still override the plugin's. A new file holds just that; an existing one gets the
 * entry added to its pytest_plugins, or the line after its leading docstring and imports.
 */
export function mergeConftest(text: string | undefined): string {
  if (text === undefined || text.trim() === "") return `${CONFTEST_COMMENT}\n${PLUGINS_LINE}\n`;
  if (text.includes(`"${FIXTURES_PLUGIN}"`) || text.includes(`'${FIXTURES_PLUGIN}'`)) return text;
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(/\r?\n/);
  const existing = lines.findIndex((line) => /^pytest_plugins\s*(:[^=]*)?=/.test(line));
  if (existing !== -1) return addToPlugins(lines, existing).join(eol);
  const at = afterLeadingImports(lines);
  const before = lines.slice(0, at);
  const after = lines.slice(at);
  const block = [CONFTEST_COMMENT, PLUGINS_LINE];
  const lead = before.length > 0 && before.at(-1)?.trim() !== "" ? [""] : [];
  const gap = after.length === 0 || after[0]?.trim() === "" ? [] : [""];
  return [...before, ...lead, ...block, ...gap, ...after].join(eol);
}

/** Adds the plugin to an existing `pytest_plugins`: into its list literal, or by extending it after. */
function addToPlugins(lines: readonly string[], index: number): string[] {
  const end = statementEnd(lines, index);
  const statement = lines.slice(index, end).join("\n");
  const value = statement.slice(statement.indexOf("=") + 1).trim();
  const entry = `"${FIXTURES_PLUGIN}"`;
  const closingLine = lines[end - 1] ?? "";
  if (value.startsWith("[") && end - index > 1 && /^\s*\]/.test(closingLine)) {
    const previous = lines[end - 2] ?? "";
    const indent = /^\s*/.exec(previous)?.[0] || "    ";
    const withComma =
      end - 2 > index && !/[,[]\s*(#.*)?$/.test(previous) ? previous.replace(/\s*(#.*)?$/, ",$&") : previous;
    return [...lines.slice(0, end - 2), withComma, `${indent}${entry},`, ...lines.slice(end - 1)];
  }
  if (value.startsWith("[") && value.replace(/#.*$/gm, "").trimEnd().endsWith("]")) {
    const last = end - 1;
    const closing = (lines[last] ?? "").lastIndexOf("]");
    const line = lines[last] ?? "";
    const inner = statement.slice(statement.indexOf("[") + 1, statement.lastIndexOf("]")).trim();
    const separator = inner === "" ? "" : inner.endsWith(",") ? " " : ", ";
    const edited = `${line.slice(0, closing).trimEnd()}${separator}${entry}${line.slice(closing)}`;
    return [...lines.slice(0, last), edited, ...lines.slice(end)];
  }
  const extended = /^["']/.test(value)
    ? `pytest_plugins = [pytest_plugins, ${entry}]`
    : `pytest_plugins = [*pytest_plugins, ${entry}]`;
  return [...lines.slice(0, end), extended, ...lines.slice(end)];
}

/** The index of the first line after the module's docstring and its first run of imports. */
function afterLeadingImports(lines: readonly string[]): number {
  let index = skipBlankAndComments(lines, 0);
  index = skipDocstring(lines, index);
  let end = index;
  for (let i = index; i < lines.length; ) {
    const line = lines[i] ?? "";
    if (line.trim() === "" || line.startsWith("#")) {
      i++;
      continue;
    }
    if (!/^(import|from)\s/.test(line)) break;
    i = statementEnd(lines, i);
    end = i;
  }
  return end;
}

function skipBlankAndComments(lines: readonly string[], from: number): number {
  let index = from;
  while (index < lines.length && /^\s*(#.*)?$/.test(lines[index] ?? "")) index++;
  return index;
}

function skipDocstring(lines: readonly string[], from: number): number {
  const line = lines[from] ?? "";
  const quote = /^[rRuU]?("""|''')/.exec(line)?.[1];
  if (!quote) return /^[rRuU]?["']/.test(line) ? from + 1 : from;
  if (line.indexOf(quote, line.indexOf(quote) + 3) !== -1) return from + 1;
  for (let i = from + 1; i < lines.length; i++) if (lines[i]?.includes(quote)) return i + 1;
  return lines.length;
}

/** The line after a simple statement, following brackets and backslash continuations. */
function statementEnd(lines: readonly string[], from: number): number {
  let depth = 0;
  for (let i = from; i < lines.length; i++) {
    const line = (lines[i] ?? "").replace(/#.*$/, "");
    depth += (line.match(/[([{]/g) ?? []).length - (line.match(/[)\]}]/g) ?? []).length;
    if (depth <= 0 && !line.trimEnd().endsWith("\\")) return i + 1;
  }
  return lines.length;
}

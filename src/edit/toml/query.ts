import {
  decodeString,
  fullPath,
  type KeyValue,
  Scanner,
  type Span,
  type TableHeader,
  type TomlDocument,
} from "./scan.js";

/** Read-only questions about a scanned TOML document: where a table or a value is, which keys exist. */

const samePath = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((part, index) => part === b[index]);

const startsWith = (path: readonly string[], prefix: readonly string[]) =>
  prefix.length <= path.length && prefix.every((part, index) => part === path[index]);

export function findTable(doc: TomlDocument, path: readonly string[]): TableHeader | undefined {
  return doc.statements.find(
    (statement): statement is TableHeader =>
      statement.kind === "table" && !statement.arrayOfTables && samePath(statement.path, path),
  );
}

export function findKeyValue(doc: TomlDocument, path: readonly string[]): KeyValue | undefined {
  return doc.statements.find(
    (statement): statement is KeyValue =>
      statement.kind === "keyValue" && samePath(fullPath(statement), path),
  );
}

/** Key-values that sit directly under the table `path` (not in a sub-table). */
export function tableEntries(doc: TomlDocument, path: readonly string[]): KeyValue[] {
  return doc.statements.filter(
    (statement): statement is KeyValue => statement.kind === "keyValue" && samePath(statement.table, path),
  );
}

/**
 * The key-value holding an inline table that contains `path`, e.g. `optional-dependencies = { dev = [...] }`
 * for `project.optional-dependencies.dev`. Targeted edits do not go inside inline tables.
 */
export function inlineTableHolding(doc: TomlDocument, path: readonly string[]): KeyValue | undefined {
  return doc.statements.find(
    (statement): statement is KeyValue =>
      statement.kind === "keyValue" &&
      doc.text[statement.value.start] === "{" &&
      startsWith(path, fullPath(statement)) &&
      fullPath(statement).length < path.length,
  );
}

/** The keys directly below `path`, from headers, dotted keys and inline tables alike. */
export function childKeys(doc: TomlDocument, path: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const statement of doc.statements) {
    const full = statement.kind === "table" ? statement.path : fullPath(statement);
    if (full.length > path.length && startsWith(full, path)) keys.add(full[path.length] as string);
    if (statement.kind === "keyValue" && samePath(full, path) && doc.text[statement.value.start] === "{") {
      for (const key of inlineKeys(doc.text, statement.value)) keys.add(key);
    }
  }
  return [...keys];
}

function inlineKeys(text: string, value: Span): string[] {
  const scanner = new Scanner(text);
  scanner.pos = value.start;
  const keys: string[] = [];
  scanner.inlineTable((key) => {
    if (key[0] !== undefined) keys.push(key[0]);
  });
  return keys;
}

/** The items of the array value at `value`, each as its span in the text. */
export function arrayItems(text: string, value: Span): Span[] {
  const scanner = new Scanner(text);
  scanner.pos = value.start;
  const items: Span[] = [];
  scanner.array((item) => items.push(item));
  return items;
}

/** The string values of every array found at the given paths (other items are skipped). */
export function stringItems(doc: TomlDocument, path: readonly string[]): string[] {
  const entry = findKeyValue(doc, path);
  if (!entry || doc.text[entry.value.start] !== "[") return [];
  return arrayItems(doc.text, entry.value)
    .map((item) => doc.text.slice(item.start, item.end))
    .filter((item) => /^["']/.test(item) && !/^("""|''')/.test(item))
    .map(decodeString);
}

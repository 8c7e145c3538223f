import { pyFormattedString } from "../../render/escape.js";
import { anchorError } from "../shared/anchor-error.js";
import type { PyFile } from "./file.js";
import { insertAfter, replaceNode } from "./insert.js";
import type { SyntaxNode } from "./parser.js";
import { lonelyString, requireClass, statements, stringValue } from "./syntax.js";

/** Editors for tests/dagger_modules/config.py: the fields of the config dataclass. */

export interface ConfigField {
  name: string;
  /** The `name: type = value` statement. */
  statement: SyntaxNode;
  value: SyntaxNode | undefined;
  /** The string statement right after it, documenting it. */
  doc: SyntaxNode | undefined;
}

/** The annotated fields of the config class, with their docs. */
export function configFields(file: PyFile, configClass: string): ConfigField[] {
  const body = requireClass(file, configClass).body;
  const lines = statements(body);
  return lines.flatMap((statement, index): ConfigField[] => {
    const assignment = statement.type === "expression_statement" ? statement.firstNamedChild : null;
    const name = assignment?.childForFieldName("left");
    if (
      assignment?.type !== "assignment" ||
      name?.type !== "identifier" ||
      !assignment.childForFieldName("type")
    ) {
      return [];
    }
    const next = lines[index + 1];
    const doc = next && lonelyString(next) ? next : undefined;
    return [{ name: name.text, statement, value: assignment.childForFieldName("right") ?? undefined, doc }];
  });
}

/**
 * The text of one service's fields as a block: the summary comment right above the first, through the
 * doc of the last. Undefined when the first field is missing.
 */
export function serviceFieldsSpan(
  file: PyFile,
  configClass: string,
  names: readonly string[],
): { start: number; end: number; first: ConfigField } | undefined {
  const fields = configFields(file, configClass).filter((field) => names.includes(field.name));
  const [first] = fields;
  const last = fields.at(-1);
  if (!first || !last) return undefined;
  let start = first.statement;
  for (
    let previous = start.previousSibling;
    previous?.type === "comment";
    previous = previous.previousSibling
  ) {
    if (previous.endPosition.row + 1 !== start.startPosition.row) break;
    start = previous;
  }
  return { start: start.startIndex, end: (last.doc ?? last.statement).endIndex, first };
}

/** One service's fields (summary comment, fields and docs) after the last field, as create orders them. */
export function addServiceFields(
  file: PyFile,
  configClass: string,
  names: readonly string[],
  fragment: string,
): void {
  const fields = configFields(file, configClass);
  if (fields.some((field) => names.includes(field.name))) return;
  const last = fields.at(-1);
  if (!last) throw anchorError(file, `a field (\`name: type = value\`) in class ${configClass}`);
  insertAfter(file, last.doc ?? last.statement, fragment, 1);
}

export type DefaultChange = "changed" | "unchanged" | "kept-yours";

/** A string default that still is `previous` (create's value) becomes `value`; the user's own stays. */
export function replaceFieldDefault(
  file: PyFile,
  configClass: string,
  name: string,
  change: { previous: string; value: string },
): DefaultChange {
  const field = configFields(file, configClass).find((candidate) => candidate.name === name);
  if (!field?.value) throw anchorError(file, `the field ${name} in class ${configClass}`);
  const current = stringValue(field.value);
  if (current === change.value) return "unchanged";
  if (current !== change.previous) return "kept-yours";
  replaceNode(file, field.value, pyFormattedString(change.value));
  return "changed";
}

import { pyFormattedString } from "../../render/escape.js";
import type { PyFile } from "./file.js";
import { appendItem, insertAfter } from "./insert.js";
import type { SyntaxNode } from "./parser.js";
import {
  definitionName,
  definitionsIn,
  descendants,
  findDefinition,
  statements,
  stringItems,
} from "./syntax.js";

/** Editors for the test modules under tests/integration/ and for `up`. */

/** The module's `test_...` functions, by name. */
export function testFunctions(file: PyFile): { name: string; node: SyntaxNode }[] {
  return definitionsIn(file.root, "function_definition").flatMap((node) => {
    const name = definitionName(node);
    return name?.startsWith("test_") ? [{ name, node }] : [];
  });
}

/** A test goes at the end of the module, unless one of that name is there. */
export function addTestFunction(file: PyFile, name: string, fragment: string): void {
  if (findDefinition(file.root, "function_definition", name)) return;
  const last = statements(file.root).at(-1);
  if (last) insertAfter(file, last, fragment, 2);
  else file.insert(file.text.length, `${fragment}\n`);
}

/**
 * The matrix test checks that the selected service is one of the axis's targets:
 * `assert <axis>.name in ("a", "b")`. Adds `target` to that tuple; false if the check is gone.
 */
export function addMatrixTargetToTest(file: PyFile, axis: string, target: string): boolean {
  const tuple = descendants(file.root, "comparison_operator")
    .filter((comparison) => comparison.parent?.type === "assert_statement")
    .flatMap((comparison) => {
      const [left, right] = comparison.namedChildren;
      const operator = comparison.children.find((child) => child?.type === "in");
      return left?.text === `${axis}.name` && operator && right?.type === "tuple" ? [right] : [];
    })[0];
  if (!tuple) return false;
  const items = tuple.namedChildren.filter((item): item is SyntaxNode => item !== null);
  if (!(stringItems(items) ?? []).includes(target)) appendItem(file, tuple, pyFormattedString(target));
  return true;
}

/** up.py pads service names to line up their URLs: `{name:<10}`. */
function namePadding(file: PyFile): SyntaxNode | undefined {
  return descendants(file.root, "interpolation")
    .filter((interpolation) => interpolation.childForFieldName("expression")?.text === "name")
    .map((interpolation) => descendants(interpolation, "format_specifier")[0])
    .find((specifier) => specifier !== undefined && /^:<\d+$/.test(specifier.text));
}

export function paddingWidth(file: PyFile): number | undefined {
  const specifier = namePadding(file);
  return specifier ? Number(specifier.text.slice(2)) : undefined;
}

/** Widens `{name:<n}` to fit a longer name; a wider one the user chose stays. */
export function widenNamePadding(file: PyFile, width: number): void {
  const specifier = namePadding(file);
  if (specifier && Number(specifier.text.slice(2)) < width) {
    file.replace(specifier.startIndex, specifier.endIndex, `:<${width}`);
  }
}

import { addCiSelections } from "../../edit/yaml/ci-selections.js";
import { ciPath } from "../../render/ci/index.js";
import type { MatrixAxis } from "../../spec/model.js";
import type { EditContext } from "./edit-context.js";

/** The CI workflow runs the new matrix entries, each selected by its name in the language's tests. */
export function addCiMatrix<File>(
  context: EditContext<File>,
  axis: MatrixAxis,
  values: readonly string[],
): void {
  const { writes, after, notes } = context;
  const path = ciPath(after.ci, context.layout);
  if (after.ci === "none" || path === undefined) return;
  const text = writes.read(path);
  if (text === undefined) {
    notes.push(`${path} is gone: run the ${values.join(", ")} tests in your CI`);
    return;
  }
  const selections = values.map((value) => ({ axis: axis.name, value }));
  writes.edit(path, addCiSelections(text, after.ci, path, selections));
}

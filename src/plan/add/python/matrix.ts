import {
  addMarker,
  addMatrixFixture,
  addMatrixParam,
  fixtureDocstring,
} from "../../../edit/python/fixtures-module.js";
import {
  functionDocstring,
  functionFragment,
  markerFragment,
  matrixParamFragment,
  moduleDocstring,
} from "../../../edit/python/fragments.js";
import { refreshDocstring } from "../../../edit/python/prose.js";
import { docstringOf } from "../../../edit/python/syntax.js";
import { addMatrixTargetToTest } from "../../../edit/python/tests-module.js";
import { matrixMarker, PY_PATHS } from "../../../render/python/names.js";
import { type MatrixAxis, serviceByName } from "../../../spec/model.js";
import { addCiMatrix } from "../ci-matrix.js";
import { renderedSource, renderedText, type When } from "../edit-context.js";
import type { MatrixGrowth } from "../stack-growth.js";
import { addNewFile } from "../whole-files.js";
import type { PyContext } from "./context.js";

/** New matrix targets: a pytest marker each, the axis's fixture and test, and their CI runs. */
export function addMatrixCode(context: PyContext, growth: MatrixGrowth): void {
  const { axis, targets } = growth;
  addMarkers(context, axis, targets);
  if (growth.isNewAxis) addMatrixAxis(context, axis);
  else addTargetsToMatrix(context, growth);
  addCiMatrix(
    context,
    axis,
    targets.map((target) => matrixMarker(axis, target)),
  );
}

/** Each new entry's marker goes after the last marker of its axis, as create lists them. */
function addMarkers(context: PyContext, axis: MatrixAxis, targets: readonly string[]): void {
  const fixtures = context.session.file(PY_PATHS.fixtures);
  const source = renderedSource(context, "after", PY_PATHS.fixtures);
  const existing = axis.targets.filter((target) => !targets.includes(target));
  let previous = existing.at(-1);
  for (const target of targets) {
    const marker = matrixMarker(axis, target);
    const after = previous === undefined ? undefined : matrixMarker(axis, previous);
    addMarker(fixtures, marker, markerFragment(source, marker), after);
    previous = target;
  }
}

function addMatrixAxis(context: PyContext, axis: MatrixAxis): void {
  const source = renderedSource(context, "after", PY_PATHS.fixtures);
  addMatrixFixture(context.session.file(PY_PATHS.fixtures), axis.name, functionFragment(source, axis.name));
  addNewFile(context, PY_PATHS.matrix(axis));
}

/** The axis's fixture gets the params and its doc the targets; the pristine test is rendered again, an edited one edited. */
function addTargetsToMatrix(context: PyContext, { axis, targets }: MatrixGrowth): void {
  addFixtureParams(context, axis, targets);
  const path = PY_PATHS.matrix(axis);
  if (context.writes.isPristine(path)) {
    context.writes.create(path, renderedText(context.rendered, path));
    return;
  }
  const file = context.session.fileIfPresent(path);
  if (!file) return;
  const [was, is] = [renderedSource(context, "before", path), renderedSource(context, "after", path)];
  refreshDocstring(file, docstringOf(file.root), {
    previous: moduleDocstring(was),
    next: moduleDocstring(is),
  });
  const found = targets.every((target) =>
    addMatrixTargetToTest(file, axis.name, serviceByName(context.after, target).name),
  );
  if (!found) {
    context.notes.push(
      `${path}: found no \`assert ${axis.name}.name in (...)\` to add ${targets.join(", ")} to`,
    );
  }
}

function addFixtureParams(context: PyContext, axis: MatrixAxis, targets: readonly string[]): void {
  const fixtures = context.session.file(PY_PATHS.fixtures);
  const source = renderedSource(context, "after", PY_PATHS.fixtures);
  for (const target of targets) {
    addMatrixParam(fixtures, axis.name, target, matrixParamFragment(source, axis.name, target));
  }
  const doc = (when: When) => functionDocstring(renderedSource(context, when, PY_PATHS.fixtures), axis.name);
  refreshDocstring(fixtures, fixtureDocstring(fixtures, axis.name), {
    previous: doc("before"),
    next: doc("after"),
  });
}

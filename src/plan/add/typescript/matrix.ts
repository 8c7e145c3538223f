import { memberName, requireInterface } from "../../../edit/typescript/anchors.js";
import {
  fixtureFragments,
  fixtureTypeDoc,
  vitestProjectFragment,
} from "../../../edit/typescript/fragments.js";
import { refreshDocComment } from "../../../edit/typescript/prose.js";
import {
  addMatrixFixture,
  addMatrixProjects,
  addMatrixTargetToTest,
  FIXTURES_INTERFACE,
} from "../../../edit/typescript/tests.js";
import { PATHS } from "../../../render/typescript/names.js";
import { matrixSelection } from "../../../render/typescript/tests-view.js";
import { type MatrixAxis, serviceByName } from "../../../spec/model.js";
import { addCiMatrix } from "../ci-matrix.js";
import { renderedSource, renderedText, type When } from "../edit-context.js";
import type { MatrixGrowth } from "../stack-growth.js";
import { addNewFile } from "../whole-files.js";
import type { TsContext } from "./context.js";

/** New matrix targets: a vitest project each, their CI runs, and the axis's fixture and test. */
export function addMatrixCode(context: TsContext, growth: MatrixGrowth): void {
  const { axis, targets } = growth;
  const selections = targets.map((target) => matrixSelection(axis, target));
  addVitestProjects(context, axis, selections);
  addCiMatrix(context, axis, selections);
  if (growth.isNewAxis) addMatrixAxis(context, axis);
  else addTargetsToMatrixTest(context, growth);
}

function addVitestProjects(context: TsContext, axis: MatrixAxis, selections: readonly string[]): void {
  const vitest = renderedSource(context, "after", PATHS.vitestConfig);
  const projects = selections.map((name) => ({ name, fragment: vitestProjectFragment(vitest, name) }));
  addMatrixProjects(context.session.file(PATHS.vitestConfig), axis.name, projects);
}

function addMatrixAxis(context: TsContext, axis: MatrixAxis): void {
  const fixtures = renderedSource(context, "after", PATHS.fixtures);
  addMatrixFixture(
    context.session.file(PATHS.fixtures),
    axis.names.camel,
    fixtureFragments(fixtures, axis.names.camel),
  );
  addNewFile(context, PATHS.matrix(axis.name));
}

/** The axis's fixture doc and test list its targets: the pristine test is rendered again, an edited one edited. */
function addTargetsToMatrixTest(context: TsContext, { axis, targets }: MatrixGrowth): void {
  refreshFixtureDoc(context, axis.names.camel);
  const path = PATHS.matrix(axis.name);
  if (context.writes.isPristine(path)) {
    context.writes.create(path, renderedText(context.rendered, path));
    return;
  }
  const file = context.session.fileIfPresent(path);
  const fixture = axis.names.camel;
  const keys = targets.map((target) => serviceByName(context.after, target).names.camel);
  const found = file !== undefined && keys.every((key) => addMatrixTargetToTest(file, fixture, key));
  if (!found) {
    context.notes.push(
      `${path}: found no \`expect([...]).toContain(${fixture}.name)\` to add ${targets.join(", ")} to`,
    );
  }
}

function refreshFixtureDoc(context: TsContext, fixture: string): void {
  const fixtures = context.session.file(PATHS.fixtures);
  const member = requireInterface(fixtures, FIXTURES_INTERFACE)
    .getMembers()
    .find((node) => memberName(node) === fixture);
  const doc = (when: When) => fixtureTypeDoc(renderedSource(context, when, PATHS.fixtures), fixture);
  if (member) refreshDocComment(fixtures, member, { previous: doc("before"), next: doc("after") });
}

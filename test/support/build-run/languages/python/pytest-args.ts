import { matrixMarker, PY_PATHS } from "../../../../../src/render/python/names.js";
import type { NormalizedStack } from "../../../../../src/spec/model.js";
import { serviceByName } from "../../../../../src/spec/model.js";
import type { Selection } from "../../types.js";

/** The generated tests live here; pytest runs them from the project root. */
export const TESTS_DIR = "tests";

/**
 * pytest filters that run exactly the selection: `--ignore` per excluded smoke file, `--deselect` per
 * excluded extension test, and `-m "stack and not <entry>"` for excluded matrix entries (the generated markers).
 */
export function pytestFilterArgs(stack: NormalizedStack, selection: Selection): string[] {
  const ignores = selection.excluded.flatMap(({ unit }) =>
    unit.kind === "smoke" ? [`--ignore=${PY_PATHS.smoke(serviceByName(stack, unit.service))}`] : [],
  );
  const deselects = excludedTestIds(stack, selection).flatMap((id) => ["--deselect", id]);
  // The generated plugin leaves the stack's tests out of a run whose -m does not name the `stack` marker.
  const markers = ["stack", ...excludedMarkers(stack, selection).map((marker) => `not ${marker}`)];
  return [...ignores, ...deselects, "-m", markers.join(" and ")];
}

/** Generated extension tests are `test_<extension id>_extension` (see src/render/python/tests-view.ts). */
export function extensionTestName(extension: string): string {
  return `test_${extension.replace(/[^A-Za-z0-9]+/g, "_")}_extension`;
}

export function excludedTestIds(stack: NormalizedStack, selection: Selection): string[] {
  return selection.excluded.flatMap(({ unit }) =>
    unit.kind === "smokeTest"
      ? [`${PY_PATHS.smoke(serviceByName(stack, unit.service))}::${extensionTestName(unit.extension)}`]
      : [],
  );
}

export function excludedMarkers(stack: NormalizedStack, selection: Selection): string[] {
  return selection.excluded.flatMap(({ unit }) => {
    if (unit.kind !== "matrix") return [];
    return stack.matrix
      .filter((axis) => axis.name === unit.axis)
      .map((axis) => matrixMarker(axis, unit.target));
  });
}

/** Whether the selection leaves pytest anything to run. */
export function selectsAnything(selection: Selection): boolean {
  return selection.smoke.length + selection.matrix.length > 0;
}

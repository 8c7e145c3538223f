import type { NormalizedStack } from "../../spec/model.js";
import type { CiModel } from "../ci/model.js";
import { shellWord } from "../escape.js";
import { COMMANDS, MATRIX_MARKER, matrixMarker } from "./names.js";
import { PIP_VERSION } from "./packages.js";

/**
 * Where the project keeps its dev dependencies, which decides how CI installs them. The renderer alone
 * assumes a PEP 735 group in pyproject.toml; plan/python-project.ts reads the real project and renders
 * the CI file and the docs again for what it finds.
 */
export type DependencyTarget =
  /** `[dependency-groups]` in pyproject.toml; `installProject` when it also has a [project] table. */
  | { kind: "group"; name: string; installProject: boolean }
  /** A `dev`/`test` extra under [project.optional-dependencies]. */
  | { kind: "extra"; name: string }
  /** A requirements file, installed after `base` (e.g. requirements.txt). */
  | { kind: "requirements"; file: string; base: string[] };

export const DEFAULT_TARGET: DependencyTarget = { kind: "group", name: "dev", installProject: false };

export function installCommands(target: DependencyTarget): string[] {
  switch (target.kind) {
    case "group":
      return [
        `python -m pip install pip==${PIP_VERSION}`,
        `python -m pip install${target.installProject ? " -e ." : ""} --group ${shellWord(target.name)}`,
      ];
    case "extra":
      return [`python -m pip install -e ${shellWord(`.[${target.name}]`)}`];
    case "requirements":
      return [
        `python -m pip install ${[...target.base, target.file].map((file) => `-r ${shellWord(file)}`).join(" ")}`,
      ];
  }
}

/**
 * One pytest marker expression per CI job: everything outside the testing matrix, then each matrix entry.
 * Every test is in exactly one: a test without the `matrix` marker in the first, a test that uses one
 * matrix fixture in its entry's job.
 */
export function pytestSelections(stack: NormalizedStack): string[] {
  const entries = stack.matrix.flatMap((axis) => axis.targets.map((target) => matrixMarker(axis, target)));
  return [`not ${MATRIX_MARKER}`, ...entries];
}

/** `python -m pytest tests -m "<selection>"`; a selection already given as a quoted shell word stays as it is. */
export function pytestCommand(selection: string): string {
  const word = /^".*"$/.test(selection) ? selection : `"${selection}"`;
  return `${COMMANDS.test} -m ${word}`;
}

export function pythonCiModel(stack: NormalizedStack, target: DependencyTarget): CiModel {
  return {
    runtime: "python",
    cache: "pip",
    versions: stack.pythonVersions,
    selections: pytestSelections(stack),
    install: installCommands(target),
    check: COMMANDS.check,
    test: pytestCommand,
  };
}

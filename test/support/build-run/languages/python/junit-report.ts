import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PY_PATHS } from "../../../../../src/render/python/names.js";
import { type NormalizedStack, serviceByName } from "../../../../../src/spec/model.js";
import type { Selection, TestCounts } from "../../types.js";
import { excludedTestIds } from "./pytest-args.js";

/** One test case of pytest's JUnit XML: its module path (`tests.integration.test_x`), name and outcome. */
export interface JunitCase {
  module: string;
  name: string;
  outcome: "passed" | "failed" | "skipped";
}

const TESTCASE = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;

export function readJunitCases(path: string): JunitCase[] | undefined {
  if (!existsSync(path)) return undefined;
  return [...readFileSync(path, "utf8").matchAll(TESTCASE)].map((match) => {
    const attributes = match[1] ?? "";
    const body = match[3] ?? "";
    const outcome = /<(?:failure|error)\b/.test(body)
      ? "failed"
      : /<skipped\b/.test(body)
        ? "skipped"
        : "passed";
    return {
      module: attribute(attributes, "classname"),
      name: unescapeXml(attribute(attributes, "name")),
      outcome,
    };
  });
}

export function junitCounts(cases: readonly JunitCase[]): TestCounts {
  const count = (outcome: JunitCase["outcome"]) => cases.filter((entry) => entry.outcome === outcome).length;
  return { passed: count("passed"), failed: count("failed"), skipped: count("skipped") };
}

/** Ways the run differs from the selection; files that did not run count only after a passing run. */
export function pytestSelectionProblems(
  cases: readonly JunitCase[],
  projectDir: string,
  stack: NormalizedStack,
  selection: Selection,
  passed: boolean,
): string[] {
  const modules = new Set(cases.map((entry) => entry.module));
  const moduleOf = (path: string) => path.replace(/\.py$/, "").replaceAll("/", ".");
  const smokeFile = (name: string) => PY_PATHS.smoke(serviceByName(stack, name));
  const problems: string[] = [];
  for (const name of passed ? selection.smoke : []) {
    if (!modules.has(moduleOf(smokeFile(name)))) problems.push(`selected ${smokeFile(name)} did not run`);
  }
  for (const { unit } of selection.excluded) {
    if (unit.kind === "smoke" && modules.has(moduleOf(smokeFile(unit.service))))
      problems.push(`excluded ${smokeFile(unit.service)} ran`);
  }
  for (const id of excludedTestIds(stack, selection)) {
    const [file = "", name = ""] = id.split("::");
    if (!readFileSync(join(projectDir, file), "utf8").includes(`def ${name}(`))
      problems.push(`no generated test ${id}: the filter is stale`);
    if (cases.some((entry) => entry.module === moduleOf(file) && entry.name === name))
      problems.push(`excluded test ${id} ran`);
  }
  return problems;
}

function attribute(attributes: string, name: string): string {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1] ?? "";
}

function unescapeXml(text: string): string {
  return text
    .replaceAll("&quot;", '"')
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

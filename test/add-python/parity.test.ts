import { beforeAll, describe, expect, test } from "vitest";
import type { PythonParser } from "../../src/edit/python/parser.js";
import type { AddRequest } from "../../src/plan/add/index.js";
import { manifestSpec, PARITY_CASES } from "../add/support.js";
import { createPython, generatePython, parser, runPythonAdd } from "./support.js";

/**
 * On a Python project nobody has edited, `add` must leave exactly what `create` leaves when it is run
 * again with the grown spec in the same folder: the editors insert the same text, at the same places,
 * as the templates render it, and dev dependencies join the same files the same way. A second run of
 * the same add must then change nothing.
 */

const label = (request: AddRequest) =>
  request.type === "service"
    ? `${request.service.name ?? request.service.kind}${request.matrix ? ` in matrix ${request.matrix}` : ""}`
    : `extension ${request.extension}`;

let python: PythonParser;
beforeAll(async () => {
  python = await parser();
});

describe("add on a pristine Python project equals create run again with the grown spec", () => {
  test.each(PARITY_CASES.map((entry) => ({ ...entry, label: label(entry.request) })))(
    "$spec + $label",
    ({ spec, request }) => {
      const pristine = generatePython(spec);
      const { files, changes } = runPythonAdd(pristine, request, python);
      expect(changes.length).toBeGreaterThan(0);
      const created = createPython(manifestSpec(files), pristine);
      expect(Object.keys(files).sort()).toEqual(Object.keys(created).sort());
      for (const path of Object.keys(created)) {
        expect({ path, text: files[path] }).toEqual({ path, text: created[path] });
      }
      expect(runPythonAdd(files, request, python).changes).toEqual([]);
    },
  );

  test("a stack of containers only gets its first service: the Literal, START_ORDER, registry and `cfg` appear", () => {
    const spec = {
      name: "solo",
      language: "python",
      services: [{ name: "job", kind: "custom", image: "alpine:3.20" }],
    };
    const pristine = createPython(spec);
    const request: AddRequest = { type: "service", service: { kind: "postgres" }, matrix: "db" };
    const { files } = runPythonAdd(pristine, request, python);
    expect(files).toEqual(createPython(manifestSpec(files), pristine));
    expect(files["tests/dagger_modules/stack.py"]).toContain('ServiceName = Literal["postgres"]\n');
    expect(runPythonAdd(files, request, python).changes).toEqual([]);
  });

  test("every fixture spec is covered", () => {
    const covered = new Set(PARITY_CASES.map((entry) => entry.spec));
    expect([...covered].sort()).toEqual(
      [
        "all-kinds",
        "commandcenter",
        "compose-features",
        "extensions",
        "knowledgebeast",
        "minimal",
        "performia",
        "veria",
      ].sort(),
    );
  });
});

import { describe, expect, test } from "vitest";
import type { AddRequest } from "../../src/plan/add/index.js";
import { fixtureSpec } from "../support/builders.js";
import { generate, manifestSpec, PARITY_CASES, runAdd } from "./support.js";

/**
 * On a project nobody has edited, `add` must leave exactly what `create` writes for the grown spec:
 * the editors insert the same text, at the same places, as the templates render it. A second run of the
 * same add must then change nothing.
 */
const label = (request: AddRequest) =>
  request.type === "service"
    ? `${request.service.kind}${request.matrix ? ` in matrix ${request.matrix}` : ""}`
    : `extension ${request.extension}`;

describe("add on a pristine project equals create with the grown spec", () => {
  test.each(PARITY_CASES.map((entry) => ({ ...entry, label: label(entry.request) })))(
    "$spec + $label",
    ({ spec, request }) => {
      const { files, changes } = runAdd(generate(fixtureSpec(spec)), request);
      expect(changes.length).toBeGreaterThan(0);
      const created = generate(manifestSpec(files));
      expect(Object.keys(files).sort()).toEqual(Object.keys(created).sort());
      for (const path of Object.keys(created)) {
        expect({ path, text: files[path] }).toEqual({ path, text: created[path] });
      }
      expect(runAdd(files, request).changes).toEqual([]);
    },
  );

  test("in the project's package manager: a pnpm project's regenerated docs and CI stay pnpm", () => {
    const context = { packageManager: "pnpm" } as const;
    const request: AddRequest = { type: "service", service: { kind: "chromadb" }, matrix: "vectors" };
    const { files } = runAdd(generate(fixtureSpec("knowledgebeast"), { context }), request, { context });
    expect(files).toEqual(generate(manifestSpec(files), { context }));
    expect(files["docs/dagger-stack.md"]).toContain("pnpm run test:stack");
  });
});

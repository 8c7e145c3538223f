import { describe, expect, test } from "vitest";
import { addCiSelections, type CiFlavour } from "../../src/edit/yaml/ci-selections.js";
import { AnchorError } from "../../src/errors.js";
import { githubWorkflow } from "../../src/render/ci/github.js";
import { gitlabPipeline } from "../../src/render/ci/gitlab.js";
import type { CiModel } from "../../src/render/ci/model.js";
import { code, crlf } from "./support.js";

const MODEL: CiModel = {
  runtime: "node",
  versions: ["20", "22"],
  selections: ["smoke", "db=pg16", "queue=redis"],
  install: ["npm ci"],
  test: (selection) => `npm test -- --project ${selection}`,
};

const PG17 = [{ axis: "db", value: "db=pg17" }];

function add(text: string, flavour: CiFlavour, selections = PG17): string {
  const once = addCiSelections(text, flavour, "ci.yml", selections);
  expect(addCiSelections(once, flavour, "ci.yml", selections)).toBe(once);
  return once;
}

describe("addCiSelections", () => {
  test("GitHub: after the axis's last selection, nothing else changes", () => {
    const workflow = githubWorkflow(MODEL);
    expect(add(workflow, "github")).toBe(
      workflow.replace("          - db=pg16\n", "          - db=pg16\n          - db=pg17\n"),
    );
  });

  test("GitHub: a new axis goes at the end", () => {
    const workflow = githubWorkflow(MODEL);
    const after = add(workflow, "github", [{ axis: "search", value: "search=opensearch" }]);
    expect(after).toBe(
      workflow.replace(
        "          - queue=redis\n",
        "          - queue=redis\n          - search=opensearch\n",
      ),
    );
  });

  test("the user's comments, quotes, blank lines and 4-space indentation stay", () => {
    const workflow = code`
      # Our CI: keep the matrix small.
      jobs:
          test:   # the stack tests

              strategy:
                  matrix:
                      selection:
                          - "smoke"     # always
                          - "db=pg16"   # the one we ship
                          - "queue=redis"
              steps:
                  - run: |
                        npm test
    `;
    expect(add(workflow, "github")).toBe(
      workflow.replace(
        '                    - "db=pg16"   # the one we ship\n',
        '                    - "db=pg16"   # the one we ship\n                    - "db=pg17"\n',
      ),
    );
  });

  test("a flow list and CRLF line endings", () => {
    const workflow = crlf(
      "jobs:\n  test:\n    strategy:\n      matrix:\n        selection: [smoke, db=pg16]\n",
    );
    expect(add(workflow, "github")).toBe(
      crlf("jobs:\n  test:\n    strategy:\n      matrix:\n        selection: [smoke, db=pg16, db=pg17]\n"),
    );
  });

  test("GitLab: parallel.matrix[0].SELECTION", () => {
    const pipeline = gitlabPipeline(MODEL);
    expect(add(pipeline, "gitlab")).toBe(
      pipeline.replace("          - db=pg16\n", "          - db=pg16\n          - db=pg17\n"),
    );
  });

  test("a workflow whose matrix is computed is an AnchorError naming what was looked for", () => {
    const workflow =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not JavaScript.
      "jobs:\n  test:\n    strategy:\n      matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}\n";
    expect(() => addCiSelections(workflow, "github", ".github/workflows/dagger-stack.yml", PG17)).toThrow(
      expect.objectContaining({
        name: "AnchorError",
        file: ".github/workflows/dagger-stack.yml",
        anchor: expect.stringContaining("strategy.matrix.selection"),
      }),
    );
  });

  test("YAML that does not parse is an AnchorError that says so", () => {
    let caught: unknown;
    try {
      addCiSelections("jobs: [unclosed\n", "gitlab", ".gitlab-ci.yml", PG17);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AnchorError);
    expect((caught as AnchorError).hint).toMatch(/fix the YAML first/);
  });
});

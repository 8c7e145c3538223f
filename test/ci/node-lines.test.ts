import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_NODE_VERSIONS,
  NODE_LINES,
  NODE_LINES_CHECKED_ON,
  nodeLineProblem,
  nodeVersionWarnings,
  supportedLtsLines,
} from "../../src/spec/catalog/node-lines.js";
import { ensureBuilt, runCli } from "../cli/support/built-cli.js";
import { repository } from "../repo/support.js";
import { createIn, json, workflowSteps } from "./support.js";

/** Issue 12, point 4: the CI matrix defaults to the LTS lines in support and warns about the others. */
describe("the table of Node.js lines", () => {
  it("is one row per major, in order, each released before it ends and LTS (if ever) in between", () => {
    const majors = NODE_LINES.map((line) => line.major);
    expect(majors).toEqual([...majors].sort((a, b) => a - b));
    expect(new Set(majors).size).toBe(majors.length);
    for (const line of NODE_LINES) {
      expect(line.released < line.endOfLife, `${line.major}`).toBe(true);
      if (line.lts)
        expect(line.released <= line.lts && line.lts < line.endOfLife, `${line.major}`).toBe(true);
      expect(line.lts !== undefined, `${line.major}: only even lines become LTS`).toBe(line.major % 2 === 0);
    }
  });

  it("defaults the CI matrix to LTS lines in support on the day the table was checked", () => {
    const supported = supportedLtsLines().map((line) => String(line.major));
    expect(DEFAULT_NODE_VERSIONS.length).toBeGreaterThan(0);
    for (const version of DEFAULT_NODE_VERSIONS) expect(supported).toContain(version);
    for (const version of DEFAULT_NODE_VERSIONS) expect(nodeLineProblem(version)).toBeUndefined();
  });

  it("knows that Node 20 reached end of life on 2026-04-30", () => {
    expect(NODE_LINES.find((line) => line.major === 20)?.endOfLife).toBe("2026-04-30");
    expect(nodeLineProblem("20")).toMatch(/end of life on 2026-04-30/);
  });
});

describe("nodeLineProblem", () => {
  it.each([
    ["20", /Node 20 reached end of life on 2026-04-30/],
    ["20.19.0", /Node 20 reached end of life/],
    ["v18", /Node 18 reached end of life on 2025-04-30/],
    ["16", /Node 16 reached end of life before 2025-04-30/],
    ["25", /Node 25 reached end of life on 2026-06-01/],
    ["27", /Node 27 is not released yet \(due 2027-04-22\)/],
    ["40", /not a Node\.js release line this version of create-dagger-stack knows/],
  ])("%s: %s", (version, problem) => {
    expect(nodeLineProblem(version)).toMatch(problem);
  });

  it.each(["22", "24", "26", "24.11.1", "22.x", "lts/*", "latest", "node"])("%s passes", (version) => {
    expect(nodeLineProblem(version)).toBeUndefined();
  });

  it("judges a line as of the day it is asked about", () => {
    expect(nodeLineProblem("26", "2026-06-01")).toMatch(/not an LTS line until 2026-10-28/);
    expect(nodeLineProblem("23", "2025-01-01")).toMatch(/not an LTS line: its support ends on 2025-06-01/);
    expect(nodeLineProblem("22", "2027-05-01")).toMatch(/end of life on 2027-04-30/);
  });

  it("warns once per line, naming the spec path and the lines to use instead", () => {
    const warnings = nodeVersionWarnings(["20", "20.19", "22", "21"]);
    expect(warnings).toHaveLength(2);
    const supported = supportedLtsLines().map((line) => line.major);
    expect(warnings[0]).toMatch(/^nodeVersions: Node 20 reached end of life on 2026-04-30/);
    expect(warnings[0]).toContain(`on ${NODE_LINES_CHECKED_ON} ${supported.join(", ")}`);
    expect(warnings[0]).toContain(`--node-versions ${supported.join(",")}`);
  });
});

describe("create with the Node versions a user picks", () => {
  const project = { "package.json": json({ name: "shop" }) };

  it("writes the default matrix into the workflow without a warning", () => {
    const generated = createIn(project);
    const workflow = generated.read(".github/workflows/dagger-stack.yml");
    expect(workflowSteps(workflow)).not.toHaveLength(0);
    expect(workflow).toContain(`node:\n${DEFAULT_NODE_VERSIONS.map((v) => `          - "${v}"\n`).join("")}`);
    expect(generated.warnings).toEqual([]);
  });

  it("keeps an end-of-life line the user asked for, with a plan warning (not an error)", () => {
    const generated = createIn(project, { nodeVersions: ["20", "22"] });
    expect(generated.read(".github/workflows/dagger-stack.yml")).toContain('- "20"');
    expect(generated.warnings).toEqual([expect.stringMatching(/^nodeVersions: Node 20 reached end of life/)]);
  });

  it("says nothing when no CI runs the Node matrix, or the stack is Python", () => {
    expect(createIn(project, { nodeVersions: ["20"], ci: "none" }).warnings).toEqual([]);
    const python = { "pyproject.toml": '[project]\nname = "shop"\nversion = "0.1.0"\n' };
    expect(createIn(python, { nodeVersions: ["20"], language: "python" }).warnings).toEqual([]);
  });
});

describe("the CLI, given an end-of-life Node line", () => {
  beforeAll(ensureBuilt);

  it("creates the stack, exits 0 and prints the warning on stderr", () => {
    const root = repository({ "package.json": json({ name: "shop" }) });
    const result = runCli(["--services", "redis", "--node-versions", "20,22", "--yes"], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/warning: nodeVersions: Node 20 reached end of life on 2026-04-30/);
    expect(readFileSync(join(root, ".github/workflows/dagger-stack.yml"), "utf8")).toContain('- "20"');
  });
});

import { describe, expect, it } from "vitest";
import { isMap, parseDocument, type YAMLMap } from "yaml";
import { addPytestPlugin, type PluginAddition } from "../../src/edit/python/conftest-plugins.js";
import { PyFile, requireValidSyntax } from "../../src/edit/python/file.js";
import { loadPythonParser } from "../../src/edit/python/parser.js";
import { commandKind, composeCommand } from "../../src/edit/yaml/ci-commands.js";
import { editGithubJob, type GithubJobChanges } from "../../src/edit/yaml/github-job.js";
import { editGitlabJob, type GitlabJobChanges } from "../../src/edit/yaml/gitlab-job.js";
import { AnchorError } from "../../src/errors.js";
import { editorTables } from "../support/editor-table.js";

/** Editor before/after tables for the wiring's editors: conftest.py, GitHub jobs, GitLab jobs. */
const python = await loadPythonParser();

const ADDITION: PluginAddition = {
  plugin: "tests.dagger_modules.stack_run",
  comment: ["The Dagger stack (create-dagger-stack): see the plugins."],
  ownComment: /\(create-dagger-stack\)/,
};
const OURS = "# The Dagger stack (create-dagger-stack): see the plugins.";

const { table, expectAnchorError } = editorTables<PluginAddition>((path, text, addition) => {
  const file = new PyFile(path, text, python);
  try {
    requireValidSyntax(file);
    addPytestPlugin(file, addition);
    return file.output();
  } finally {
    file.dispose();
  }
});

describe("conftest.py: the stack-run plugin joins the fixtures plugin", () => {
  table("tests/conftest.py", ADDITION, [
    {
      name: "create's block: entry added after the fixtures, create's comment replaced",
      before: `# The Dagger stack's fixtures, markers and hooks (create-dagger-stack).\npytest_plugins = ["tests.dagger_modules.fixtures"]\n`,
      after: `${OURS}\npytest_plugins = ["tests.dagger_modules.fixtures", "tests.dagger_modules.stack_run"]\n`,
    },
    {
      name: "the user's own split list: a line of its own, the others and their quotes kept",
      before: `import os\n\npytest_plugins = [\n    'myapp.fixtures',\n    'tests.dagger_modules.fixtures',\n]\n`,
      after: `import os\n\n${OURS}\npytest_plugins = [\n    'myapp.fixtures',\n    'tests.dagger_modules.fixtures',\n    'tests.dagger_modules.stack_run',\n]\n`,
    },
    {
      name: "a tuple",
      before: `pytest_plugins = ("myapp.fixtures",)\n`,
      after: `${OURS}\npytest_plugins = ("myapp.fixtures", "tests.dagger_modules.stack_run")\n`,
    },
    {
      name: "already listed: only the comment is ours",
      before: `pytest_plugins = ["tests.dagger_modules.fixtures", "tests.dagger_modules.stack_run"]\n`,
      after: `${OURS}\npytest_plugins = ["tests.dagger_modules.fixtures", "tests.dagger_modules.stack_run"]\n`,
    },
    {
      name: "a single string",
      before: `pytest_plugins = "tests.dagger_modules.fixtures"\n`,
      after: `${OURS}\npytest_plugins = ["tests.dagger_modules.fixtures", "tests.dagger_modules.stack_run"]\n`,
    },
    {
      name: "a computed value: extended after it, once",
      before: `pytest_plugins = base_plugins()\n`,
      after: `pytest_plugins = base_plugins()\n${OURS}\npytest_plugins = [*pytest_plugins, "tests.dagger_modules.stack_run"]\n`,
    },
    {
      name: "CRLF stays CRLF",
      before: `# The Dagger stack's fixtures, markers and hooks (create-dagger-stack).\r\npytest_plugins = ["tests.dagger_modules.fixtures"]\r\n`,
      after: `${OURS}\r\npytest_plugins = ["tests.dagger_modules.fixtures", "tests.dagger_modules.stack_run"]\r\n`,
    },
  ]);

  it("refuses a conftest without pytest_plugins, naming what it looked for", () => {
    expectAnchorError("tests/conftest.py", "import pytest\n", ADDITION, /pytest_plugins/);
  });

  it("refuses a conftest that does not parse", () => {
    expect(() => {
      const file = new PyFile("tests/conftest.py", "pytest_plugins = [\n", python);
      requireValidSyntax(file);
    }).toThrow(AnchorError);
  });
});

describe("docker compose lines in CI scripts", () => {
  it.each([
    ["docker compose up -d cache", { subcommand: "up", services: ["cache"] }],
    [
      "docker-compose -f ci.yml --profile test up --wait db cache",
      { subcommand: "up", services: ["db", "cache"] },
    ],
    ["sudo docker compose down -t 5", { subcommand: "down", services: [] }],
    ["docker compose -p ci up --wait-timeout 60 -d", { subcommand: "up", services: [] }],
  ])("%s", (line, expected) => {
    expect(composeCommand(line)).toEqual(expected);
  });

  it.each([
    ["docker compose up -d", "compose"],
    ["docker compose run --rm api npm test", "compose-container"],
    ["docker compose exec db psql -c 'select 1'", "compose-container"],
    ["docker compose up -d && npm test", "mixed"],
    ["npm test", "other"],
    ["# docker compose up", "blank"],
  ])("%s is %s", (line, kind) => {
    expect(commandKind(line)).toBe(kind);
  });
});

const DAGGER_STEP = {
  name: "Dagger",
  uses: "dagger/dagger-for-github@v8.4.1",
  with: { verb: "run", args: "npm run test:stack" },
};

function githubChanges(overrides: Partial<GithubJobChanges> = {}): GithubJobChanges {
  return {
    job: "test",
    services: ["postgres"],
    env: ["DATABASE_URL"],
    composeReplaced: (services) => services.every((name) => ["db", "cache"].includes(name)),
    daggerStep: DAGGER_STEP,
    isDaggerStep: (step: YAMLMap) => String(step.get("uses")).startsWith("dagger/dagger-for-github@"),
    servicesComment: ["from the stack now"],
    ...overrides,
  };
}

const WORKFLOW = `jobs:
  test:
    runs-on: ubuntu-latest
    services:
      postgres:
        image: postgres:16
      mailpit:
        image: axllent/mailpit
    env:
      DATABASE_URL: postgres://u:p@localhost:5432/app
    steps:
      - uses: actions/checkout@v4
      - run: |
          docker compose up -d cache
          npm run migrate
      - run: npm test # all of them
      - run: echo done
`;

describe("a GitHub job moved onto Dagger", () => {
  it("keeps a service the stack does not replace, takes compose lines out of a block, puts the step after the tests", () => {
    const edit = editGithubJob(WORKFLOW, githubChanges());
    if (!edit.ok) throw new Error(edit.reason);
    expect(edit.text).toBe(`jobs:
  test:
    runs-on: ubuntu-latest
    services:
      mailpit:
        image: axllent/mailpit
    steps:
      - uses: actions/checkout@v4
      - run: |
          npm run migrate
      - run: npm test # all of them
      - name: Dagger
        uses: dagger/dagger-for-github@v8.4.1
        with:
          verb: run
          args: npm run test:stack
      - run: echo done
`);
    expect([edit.services, edit.env, edit.composeLines]).toEqual([
      ["postgres"],
      ["DATABASE_URL"],
      ["docker compose up -d cache"],
    ]);
    const again = editGithubJob(edit.text, githubChanges());
    expect(again.ok && again.text).toBe(edit.text);
  });

  it("keeps CRLF line endings", () => {
    const edit = editGithubJob(WORKFLOW.replace(/\n/g, "\r\n"), githubChanges());
    expect(edit.ok && edit.text.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it.each([
    ["anchors", WORKFLOW.replace("    runs-on: ubuntu-latest", "    runs-on: &os ubuntu-latest"), /anchors/],
    [
      "a job container",
      WORKFLOW.replace("    runs-on: ubuntu-latest", "    runs-on: ubuntu-latest\n    container: node:20"),
      /container/,
    ],
    [
      "compose chained with the tests",
      WORKFLOW.replace("npm test # all of them", "docker compose up -d && npm test"),
      /chains/,
    ],
    [
      "tests run inside compose",
      WORKFLOW.replace("npm test # all of them", "docker compose run api npm test"),
      /inside docker compose/,
    ],
    [
      "services in flow style",
      WORKFLOW.replace(
        / {4}services:\n(?: {6}.*\n)+/,
        "    services: { postgres: { image: postgres:16 } }\n",
      ),
      /block mapping/,
    ],
  ])("refuses %s, saying why", (_, text, reason) => {
    const edit = editGithubJob(text, githubChanges());
    expect(edit.ok).toBe(false);
    expect(edit.ok ? "" : edit.reason).toMatch(reason);
  });
});

function gitlabChanges(overrides: Partial<GitlabJobChanges> = {}): GitlabJobChanges {
  return {
    job: "test",
    replaces: (service) => service.image.startsWith("postgres"),
    env: ["DATABASE_URL"],
    composeReplaced: () => true,
    daggerServices: [{ name: "docker:27.3.1-dind", alias: "docker" }],
    daggerVariables: { DOCKER_HOST: "tcp://docker:2375", DOCKER_TLS_CERTDIR: "", DAGGER_VERSION: "0.21.9" },
    daggerScript: ["install dagger", "dagger run pytest -m stack"],
    servicesComment: ["from the stack now"],
    ...overrides,
  };
}

describe("a GitLab job moved onto Dagger", () => {
  it("adds variables when the job had none, and drops compose lines from after_script", () => {
    const text = `test:\n  image: python:3.11\n  services:\n    - postgres:16\n  script:\n    - pytest\n  after_script:\n    - docker compose down\n`;
    const edit = editGitlabJob(text, gitlabChanges());
    if (!edit.ok) throw new Error(edit.reason);
    expect(edit.text).toBe(`test:
  image: python:3.11
  # from the stack now
  services:
    - name: docker:27.3.1-dind
      alias: docker
  variables:
    DOCKER_HOST: tcp://docker:2375
    DOCKER_TLS_CERTDIR: ""
    DAGGER_VERSION: 0.21.9
  script:
    - pytest
    - install dagger
    - dagger run pytest -m stack
`);
    const again = editGitlabJob(edit.text, gitlabChanges());
    expect(again.ok && again.text).toBe(edit.text);
  });

  it("keeps the job's own Docker-in-Docker and its Docker settings", () => {
    const text = `test:\n  services:\n    - docker:24-dind\n    - name: postgres:16\n      alias: db\n  variables:\n    DOCKER_HOST: tcp://docker:2376\n    DATABASE_URL: postgres://db/app\n  script:\n    - docker compose up -d db\n    - pytest\n`;
    const edit = editGitlabJob(text, gitlabChanges());
    if (!edit.ok) throw new Error(edit.reason);
    const job = parseDocument(edit.text).get("test", true);
    expect(isMap(job) && job.toJSON()).toEqual({
      services: ["docker:24-dind"],
      variables: { DOCKER_HOST: "tcp://docker:2376", DAGGER_VERSION: "0.21.9" },
      script: ["pytest", "install dagger", "dagger run pytest -m stack"],
    });
  });

  it("refuses a job that extends others", () => {
    const edit = editGitlabJob(
      `test:\n  extends: .db\n  services:\n    - postgres:16\n  script:\n    - pytest\n`,
      gitlabChanges(),
    );
    expect(edit.ok ? "" : edit.reason).toMatch(/extends/);
  });
});

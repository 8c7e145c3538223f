import { describe, expect, it } from "vitest";
import { readDependencies } from "../../src/readers/dependencies/index.js";
import { parseDockerfile } from "../../src/readers/dockerfiles/parse.js";
import { parseDockerOptions } from "../../src/readers/github-actions/options.js";
import { memoryProject } from "./support/memory-project.js";

describe("Dockerfiles", () => {
  it("honours the escape directive and skips comments inside continuations", () => {
    const info = parseDockerfile(
      [
        "# escape=`",
        "FROM mcr.microsoft.com/windows/servercore AS base",
        "EXPOSE 80 `",
        "# a comment",
        "  443/udp",
        "WORKDIR C:\\app",
      ].join("\n"),
      "Dockerfile",
    );
    expect(info.stages[0]).toMatchObject({
      name: "base",
      expose: [
        { port: "80", protocol: "tcp", at: { line: 3 } },
        { port: "443", protocol: "udp", at: { line: 3 } },
      ],
      workdir: "C:\\app",
    });
  });

  it("reads HEALTHCHECK NONE, shell forms and the old ENV form", () => {
    const info = parseDockerfile(
      "FROM --platform=linux/amd64 alpine:3.20\nENV PATH_PREFIX /opt/app\nHEALTHCHECK NONE\nCMD exec app --flag\n",
      "Dockerfile",
    );
    expect(info.stages[0]).toMatchObject({
      platform: "linux/amd64",
      env: ["PATH_PREFIX"],
      healthcheck: { test: ["NONE"] },
      cmd: "exec app --flag",
    });
  });
});

describe("workflow service options", () => {
  it("turns the health flags into a healthcheck and keeps the rest as written", () => {
    expect(
      parseDockerOptions(
        '--health-cmd "curl -f http://localhost" --health-retries=3 --no-healthcheck --privileged -e A=1 --name "my db"',
      ),
    ).toEqual({
      healthcheck: { test: ["CMD-SHELL", "curl -f http://localhost"], retries: 3, disable: true },
      other: ["--privileged", "-e A=1", '--name "my db"'],
    });
  });
});

describe("dependencies", () => {
  it("reads Poetry tables and Pipfiles, and skips folders that are not the project's", () => {
    const result = readDependencies(
      memoryProject({
        "pyproject.toml":
          '[tool.poetry.dependencies]\npython = "^3.11"\nasyncpg = "^0.29"\n\n[tool.poetry.group.dev.dependencies]\nredis = "*"\n',
        "service/Pipfile": '[packages]\npymongo = "*"\n',
        "node_modules/pg/package.json": '{ "dependencies": { "mysql2": "3" } }',
        "venv/lib/db.py": 'URL = "mysql://x"\n',
      }),
    );
    expect(
      result.findings.map((finding) => [finding.kind, finding.evidence.map((evidence) => evidence.at.file)]),
    ).toEqual([
      ["postgres", ["pyproject.toml"]],
      ["redis", ["pyproject.toml"]],
      ["mongodb", ["service/Pipfile"]],
    ]);
  });

  it("warns about a manifest it cannot read instead of failing", () => {
    const result = readDependencies(memoryProject({ "package.json": "{ not json" }));
    expect(result.warnings).toEqual([expect.objectContaining({ code: "manifest-unreadable" })]);
  });

  it("never copies a credential from a connection URL into the evidence", () => {
    const result = readDependencies(
      memoryProject({
        "requirements.txt": "sqlalchemy\n",
        "app/settings.py": 'DB = "postgresql://admin:hunter2@db/app"\n',
      }),
    );
    expect(JSON.stringify(result)).not.toContain("hunter2");
    expect(result.findings[0]?.evidence[0]?.detail).toBe("postgresql:// URL");
  });
});

import { describe, expect, it } from "vitest";
import { Origins, settingFlag } from "../../src/cli/answers/origins.js";
import { specOptions } from "../../src/cli/options/table.js";

const raw = {
  services: [
    { name: "db", kind: "postgres" },
    { name: "api", kind: "backend" },
  ],
};

describe("settingFlag: a spec path back to the flag that sets it", () => {
  it.each([
    ["name", "--name <name>"],
    ["language", "--lang typescript|python"],
    ["services", "--services <list>"],
    ["services[0].kind", "--services <list>"],
    ["services[0].port", "--port db=<port>"],
    ["services[0].extensions[2]", "--extensions db=<list>"],
    ["services[1].build.context", "--context api=<path>"],
    ["services[1].dependsOn[0]", "--depends-on api=<list>"],
    ["services[1].env.API_KEY", "--env api=<KEY>=<value>"],
    ["matrix.backend[1]", "--matrix <fixture>=<list>"],
    ["nodeVersions", "--node-versions <list>"],
  ])("%s → %s", (path, flag) => {
    expect(settingFlag(path, raw)).toBe(flag);
  });

  it("maps every per-service option's field back to that option", () => {
    for (const option of specOptions()) {
      if (option.target?.scope !== "service") continue;
      expect(settingFlag(`services[0].${option.target.field}`, raw)).toMatch(
        new RegExp(`^--${option.name} db=`),
      );
    }
  });

  it("has no flag for paths no option sets", () => {
    expect(settingFlag("services[0].containerPort", raw)).toBeUndefined();
  });
});

describe("Origins", () => {
  it("names the flag that set a path, the most specific one first", () => {
    const origins = new Origins();
    origins.recordFlag("services[0].name", "--services db:postgres");
    origins.recordFlag("services[0].extensions", "--extensions db=pgvectr");
    expect(origins.labelFor("services[0].extensions[0]", raw)).toBe("--extensions db=pgvectr");
    expect(origins.labelFor("services[0].name", raw)).toBe("--services db:postgres");
  });

  it("falls back to the spec file, then to the flag that would set the value", () => {
    expect(new Origins("stack.yaml").labelFor("services[1].port", raw)).toBe("in stack.yaml");
    expect(new Origins().labelFor("services[1].port", raw)).toBe("--port api=<port>");
  });

  it("gives a problem without a hint the option's example, or the schema for spec-file values", () => {
    const fromFlags = new Origins();
    expect(fromFlags.hintFor("language")).toBe("e.g. --lang typescript");
    const fromFile = new Origins("stack.yaml");
    fromFile.recordFlag("ci", "--ci jenkins");
    expect(fromFile.hintFor("ci")).toBe("e.g. --ci gitlab");
    expect(fromFile.hintFor("language")).toContain("create-dagger-stack schema");
  });
});

import { describe, expect, test } from "vitest";
import type { AddRequest } from "../../src/plan/add/index.js";
import { fixtureSpec, generate, manifestSpec, runAdd } from "./support.js";

/**
 * On a project nobody has edited, `add` must leave exactly what `create` writes for the grown spec:
 * the editors insert the same text, at the same places, as the templates render it. A second run of the
 * same add must then change nothing.
 */
const CASES: { spec: string; request: AddRequest }[] = [
  { spec: "knowledgebeast", request: { type: "service", service: { kind: "redis", name: "cache" } } },
  {
    spec: "knowledgebeast",
    request: {
      type: "service",
      service: { kind: "postgres", name: "pg17", version: "17" },
      matrix: "backend",
    },
  },
  { spec: "minimal", request: { type: "service", service: { kind: "postgres" }, matrix: "db" } },
  {
    spec: "veria",
    request: {
      type: "service",
      service: {
        kind: "backend",
        name: "worker",
        build: "./worker",
        dependsOn: ["postgres", "policy-engine"],
      },
      matrix: "api",
    },
  },
  {
    spec: "commandcenter",
    request: {
      type: "service",
      service: { kind: "custom", name: "tools", image: "debian:12-slim", packages: { apt: ["curl"] } },
    },
  },
  {
    spec: "all-kinds",
    request: { type: "service", service: { kind: "mongodb", name: "events", dependsOn: ["web"] } },
  },
  { spec: "performia", request: { type: "service", service: { kind: "minio" }, matrix: "storage" } },
  { spec: "knowledgebeast", request: { type: "service", service: { kind: "chromadb" }, matrix: "vectors" } },
  {
    spec: "veria",
    request: { type: "service", service: { kind: "redis", name: "session-store" }, matrix: "api" },
  },
  {
    spec: "minimal",
    request: {
      type: "service",
      service: { kind: "custom", name: "long-running-batch-job", image: "alpine:3.20" },
    },
  },
  { spec: "veria", request: { type: "extension", service: "postgres", extension: "postgis" } },
  { spec: "veria", request: { type: "extension", service: "postgres", extension: "pgrouting" } },
  { spec: "commandcenter", request: { type: "extension", service: "postgres", extension: "pgvector" } },
  { spec: "commandcenter", request: { type: "extension", service: "postgres", extension: "pg_cron" } },
  { spec: "extensions", request: { type: "extension", service: "db", extension: "pg_search" } },
  { spec: "performia", request: { type: "extension", service: "song-library", extension: "pg_search" } },
  { spec: "veria", request: { type: "extension", service: "postgres", extension: "pg_search" } },
  { spec: "all-kinds", request: { type: "extension", service: "postgres", extension: "pg_trgm" } },
  { spec: "knowledgebeast", request: { type: "extension", service: "postgres", extension: "postgis" } },
];

const label = (request: AddRequest) =>
  request.type === "service"
    ? `${request.service.kind}${request.matrix ? ` in matrix ${request.matrix}` : ""}`
    : `extension ${request.extension}`;

describe("add on a pristine project equals create with the grown spec", () => {
  test.each(CASES.map((entry) => ({ ...entry, label: label(entry.request) })))(
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
    const pnpm = { packageManager: "pnpm" } as const;
    const request: AddRequest = { type: "service", service: { kind: "chromadb" }, matrix: "vectors" };
    const { files } = runAdd(generate(fixtureSpec("knowledgebeast"), pnpm), request, pnpm);
    expect(files).toEqual(generate(manifestSpec(files), pnpm));
    expect(files["docs/dagger-stack.md"]).toContain("pnpm run test:stack");
  });
});

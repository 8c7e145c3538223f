import { describe, expect, it } from "vitest";
import { loadStack } from "../../../src/spec/load.js";
import type { NormalizedStack } from "../../../src/spec/model.js";
import { normalizeSpec } from "../../../src/spec/normalize.js";
import { stackSpec } from "../../../src/spec/schema.js";
import { toSpec } from "../../../src/spec/to-spec.js";
import { validateSpec } from "../../../src/spec/validate.js";
import { fixtureSpec, fixtureSpecNames, normalized, service, spec } from "../../support/builders.js";

/**
 * `add` re-normalises the spec recorded in the manifest, so toSpec() must write out everything that
 * normalisation decided. Notes are what normalisation decided *for the user* this time; once the decisions
 * are written out there is nothing left to decide, so they are compared separately.
 */
function roundTrip(stack: NormalizedStack): NormalizedStack {
  return normalizeSpec(stackSpec.parse(toSpec(stack)));
}

const withoutNotes = ({ notes: _notes, ...stack }: NormalizedStack) => stack;

describe("toSpec round trip on the example specs", () => {
  it.each(fixtureSpecNames())("%s: normalize(toSpec(normalize(x))) equals normalize(x)", (name) => {
    const stack = loadStack(fixtureSpec(name));
    const again = roundTrip(stack);
    expect(withoutNotes(again)).toEqual(withoutNotes(stack));
    expect(again.notes).toEqual([]);
  });

  it.each(fixtureSpecNames())("%s: toSpec is a fixed point after one round", (name) => {
    const once = toSpec(loadStack(fixtureSpec(name)));
    expect(toSpec(normalizeSpec(stackSpec.parse(once)))).toEqual(once);
  });

  it.each(fixtureSpecNames())("%s: the written-out spec passes validation (add loads it again)", (name) => {
    expect(validateSpec(stackSpec.parse(toSpec(loadStack(fixtureSpec(name)))))).toEqual([]);
  });

  it("covers every example spec", () => {
    expect(fixtureSpecNames()).toEqual(
      expect.arrayContaining(["commandcenter", "knowledgebeast", "performia", "veria"]),
    );
  });
});

describe("toSpec", () => {
  it("writes out defaults, so a later catalog default cannot change the stack", () => {
    const written = toSpec(normalized(spec([service("postgres")])));
    expect(written.services[0]).toEqual({
      name: "postgres",
      kind: "postgres",
      version: "16",
      port: 5432,
      database: "app",
      user: "postgres",
    });
    expect(written).toMatchObject({ language: "typescript", ci: "github", nodeVersions: ["22", "24"] });
  });

  it("writes a moved host port as an explicit port", () => {
    const written = toSpec(normalized(spec([service("mysql"), service("mariadb")])));
    expect(written.services.map((entry) => entry.port)).toEqual([3306, 3307]);
  });

  it("writes matrix-added services and resolved targets", () => {
    const written = toSpec(
      normalized(
        spec([service("postgres", { name: "db" })], { matrix: { store: ["postgres", "chromadb"] } }),
      ),
    );
    expect(written.services.map((entry) => entry.name)).toEqual(["db", "chromadb"]);
    expect(written.matrix).toEqual({ store: ["db", "chromadb"] });
  });

  it("does not write the image that pg_search implies", () => {
    const written = toSpec(normalized(spec([service("postgres", { extensions: ["pg_search"] })])));
    expect(written.services[0]?.image).toBeUndefined();
    expect(written.services[0]?.extensions).toEqual(["pg_search"]);
  });

  it("writes env read from the host back as env://", () => {
    const written = toSpec(
      normalized(spec([service("backend", { env: { API_KEY: "env://KEY", MODE: "dev" } })])),
    );
    expect(written.services[0]?.env).toEqual({ API_KEY: "env://KEY", MODE: "dev" });
  });

  it("keeps a user's own image on a postgres without image-based extensions", () => {
    const stack = normalized(spec([service("postgres", { image: "ghcr.io/acme/pg:16.4" })]));
    expect(roundTrip(stack).services[0]?.image).toBe("ghcr.io/acme/pg:16.4");
  });

  it("keeps a user's own image next to pg_search", () => {
    const stack = normalized(
      spec([service("postgres", { image: "ghcr.io/acme/paradedb:16", extensions: ["pg_search"] })]),
    );
    expect(stack.services[0]?.image).toBe("ghcr.io/acme/paradedb:16");
    expect(roundTrip(stack).services[0]?.image).toBe("ghcr.io/acme/paradedb:16");
  });

  it("writes only options the kind takes (minio has a user but no `user` option)", () => {
    expect(validateSpec(stackSpec.parse(toSpec(normalized(spec([service("minio")])))))).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { namesOf, suggestName, words } from "../../../src/spec/names.js";

describe("namesOf", () => {
  it.each([
    [
      "policy-engine",
      {
        kebab: "policy-engine",
        pascal: "PolicyEngine",
        camel: "policyEngine",
        snake: "policy_engine",
        constant: "POLICY_ENGINE",
      },
    ],
    [
      "KnowledgeBeast",
      {
        kebab: "knowledge-beast",
        pascal: "KnowledgeBeast",
        camel: "knowledgeBeast",
        snake: "knowledge_beast",
        constant: "KNOWLEDGE_BEAST",
      },
    ],
    [
      "knowledgebeast",
      {
        kebab: "knowledgebeast",
        pascal: "Knowledgebeast",
        camel: "knowledgebeast",
        snake: "knowledgebeast",
        constant: "KNOWLEDGEBEAST",
      },
    ],
    [
      "vector_backend",
      {
        kebab: "vector-backend",
        pascal: "VectorBackend",
        camel: "vectorBackend",
        snake: "vector_backend",
        constant: "VECTOR_BACKEND",
      },
    ],
    [
      "song-library2",
      {
        kebab: "song-library2",
        pascal: "SongLibrary2",
        camel: "songLibrary2",
        snake: "song_library2",
        constant: "SONG_LIBRARY2",
      },
    ],
    [
      "s3Bucket",
      {
        kebab: "s3-bucket",
        pascal: "S3Bucket",
        camel: "s3Bucket",
        snake: "s3_bucket",
        constant: "S3_BUCKET",
      },
    ],
  ])("%s", (name, expected) => {
    expect(namesOf(name)).toEqual(expected);
  });

  it("gives identifiers that are valid in TypeScript and Python for every valid service name", () => {
    for (const name of ["a", "api-v2", "x-1-y", "audio-processor"]) {
      const names = namesOf(name);
      for (const identifier of [names.pascal, names.camel, names.snake, names.constant]) {
        expect(identifier).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      }
    }
  });
});

describe("words", () => {
  it("splits on separators and lower-to-upper case changes", () => {
    expect(words("My App__v2-beta")).toEqual(["my", "app", "v2", "beta"]);
    expect(words("fooBarBaz")).toEqual(["foo", "bar", "baz"]);
  });

  it("returns nothing for a name without letters or digits", () => {
    expect(words(" -_ ")).toEqual([]);
  });
});

describe("suggestName", () => {
  it.each([
    ["My App", "my-app"],
    ["Café Ünïcode", "cafe-unicode"],
    ["naïve résumé", "naive-resume"],
    ['say "hi"', "say-hi"],
    ["it's mine", "it-s-mine"],
    ["2fast", "app-2fast"],
    ["", "app-stack"],
    ["日本語", "app-stack"],
    ["policy_engine", "policy-engine"],
    ["already-fine", "already-fine"],
  ])("%j → %j", (input, expected) => {
    expect(suggestName(input)).toBe(expected);
  });

  it("always suggests lowercase ASCII starting with a letter", () => {
    for (const input of ["Ωmega", "9", "__", "ÀÉÎ", "Straße 5"]) {
      expect(suggestName(input)).toMatch(/^[a-z][a-z0-9-]*$/);
    }
  });
});

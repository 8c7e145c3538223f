import { describe, expect, it } from "vitest";
import { findCycles, levels } from "../../../src/spec/graph.js";

const edges = (record: Record<string, string[]>) => new Map(Object.entries(record));

describe("findCycles", () => {
  it("finds none in an acyclic graph", () => {
    expect(findCycles(edges({ a: ["b", "c"], b: ["c"], c: [] }))).toEqual([]);
  });

  it("returns a cycle as the path that closes it", () => {
    expect(findCycles(edges({ a: ["b"], b: ["c"], c: ["a"] }))).toEqual([["a", "b", "c", "a"]]);
  });

  it("finds a self-loop", () => {
    expect(findCycles(edges({ a: ["a"] }))).toEqual([["a", "a"]]);
  });

  it("starts the path at the node that closes the cycle, not at the entry point", () => {
    expect(findCycles(edges({ x: ["a"], a: ["b"], b: ["a"] }))).toEqual([["a", "b", "a"]]);
  });

  it("reports each cycle once, however many nodes lead into it", () => {
    expect(findCycles(edges({ p: ["a"], q: ["b"], a: ["b"], b: ["a"] }))).toEqual([["a", "b", "a"]]);
  });

  it("reports disjoint cycles separately", () => {
    expect(findCycles(edges({ a: ["b"], b: ["a"], c: ["d"], d: ["c"] }))).toEqual([
      ["a", "b", "a"],
      ["c", "d", "c"],
    ]);
  });

  it("ignores edges to unknown nodes", () => {
    expect(findCycles(edges({ a: ["ghost"], b: ["a"] }))).toEqual([]);
  });
});

describe("levels", () => {
  it("puts independent nodes in the first level, in input order", () => {
    expect(levels(edges({ redis: [], postgres: [] }))).toEqual([["redis", "postgres"]]);
  });

  it("puts every node after all of its dependencies (diamond)", () => {
    expect(levels(edges({ top: ["left", "right"], left: ["base"], right: ["base"], base: [] }))).toEqual([
      ["base"],
      ["left", "right"],
      ["top"],
    ]);
  });

  it("places a node by its deepest dependency", () => {
    expect(levels(edges({ a: ["b", "d"], b: ["c"], c: [], d: [] }))).toEqual([["c", "d"], ["b"], ["a"]]);
  });

  it("ignores dependencies outside the graph", () => {
    expect(levels(edges({ a: ["not-a-service"] }))).toEqual([["a"]]);
  });

  it("throws on a cycle instead of looping", () => {
    expect(() => levels(edges({ a: ["b"], b: ["a"] }))).toThrow(/cycle/);
  });

  it("returns no levels for an empty graph", () => {
    expect(levels(edges({}))).toEqual([]);
  });
});

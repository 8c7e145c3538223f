import { describe, expect, it } from "vitest";
import {
  pep440Range,
  poetryRange,
  type RangeRelation,
  relation,
  requirementRange,
} from "../../src/plan/python-versions.js";

/** [the project's constraint, its syntax, how it relates to pytest >=7.0.1,<10]. */
const CASES: [string, "pep508" | "poetry", RangeRelation][] = [
  ["^7.4", "poetry", "within"],
  ["^6.2", "poetry", "disjoint"],
  ["^10.0", "poetry", "disjoint"],
  ["~7.0", "poetry", "overlaps"],
  ["~7.0.1", "poetry", "within"],
  ["7.4.4", "poetry", "within"],
  ["7.*", "poetry", "overlaps"],
  ["*", "poetry", "overlaps"],
  [">=6, <7", "poetry", "disjoint"],
  ["^6.0 || ^8.0", "poetry", "overlaps"],
  ["^8.0 || ^9.0", "poetry", "within"],
  ["pytest>=8", "pep508", "within"],
  ["pytest", "pep508", "overlaps"],
  ["pytest>=6", "pep508", "overlaps"],
  ["pytest<7", "pep508", "disjoint"],
  ["pytest<=7.0.1", "pep508", "overlaps"],
  ["pytest==7.0.0", "pep508", "disjoint"],
  ["pytest==7.0.1", "pep508", "within"],
  ["pytest==8.*", "pep508", "within"],
  ["pytest~=7.4", "pep508", "within"],
  ["pytest~=6.2", "pep508", "disjoint"],
  ["pytest>7.0.1,!=8.0.0", "pep508", "within"],
  ["pytest==10.0.0rc1", "pep508", "disjoint"],
  ["PyTest[testing] (>=8.0) ; python_version >= '3.11'", "pep508", "within"],
  ["pytest @ https://example.com/pytest.whl", "pep508", "unknown"],
  ["pytest>=banana", "pep508", "unknown"],
  ["^x.y", "poetry", "unknown"],
];

describe("relation of a project's constraint to the supported versions", () => {
  it.each(CASES)("%s (%s) is %s", (constraint, syntax, expected) => {
    const range = syntax === "poetry" ? poetryRange(constraint) : requirementRange(constraint);
    expect(relation(range, "7.0.1", "10")).toBe(expected);
  });

  it("reads carets on 0.x versions the way Poetry does", () => {
    expect(relation(poetryRange("^0.21.2"), "0.21.9", "0.22")).toBe("overlaps");
    expect(relation(poetryRange("^0.20"), "0.21.9", "0.22")).toBe("disjoint");
    expect(relation(poetryRange("^0.0.3"), "0.0.3", "0.0.4")).toBe("within");
  });

  it("allows every version for an empty specifier and none for contradictory clauses", () => {
    expect(pep440Range("")).toEqual([{}]);
    expect(pep440Range(">=2,<1")).toEqual([]);
  });
});

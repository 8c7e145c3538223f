import { describe, expect, it } from "vitest";
import { flagNames, SUBCOMMANDS } from "../../src/cli/options/table.js";
import { closestMatch, editDistance } from "../../src/util/did-you-mean.js";

/** did-you-mean over the real flag table: a swap is one edit, a prefix counts as close. */
describe("closestMatch", () => {
  it("counts a swap of neighbouring letters as one edit", () => {
    expect(editDistance("yse", "yes")).toBe(1);
    expect(editDistance("yse", "use")).toBe(1);
    expect(editDistance("--yse", "--user")).toBe(2);
  });

  it.each([
    ["--yse", "--yes"],
    ["--sevices", "--services"],
    ["--serv", "--services"],
    ["--prot", "--port"],
    ["--dryrun", "--dry-run"],
    ["--nmae", "--name"],
  ])("%s → %s", (typed, meant) => {
    expect(closestMatch(typed, flagNames())).toBe(meant);
  });

  it("says nothing when nothing is close", () => {
    expect(closestMatch("--zzz", flagNames())).toBeUndefined();
  });

  it("command words need to be one edit away: ad is add, api is a folder", () => {
    expect(closestMatch("ad", SUBCOMMANDS, 1)).toBe("add");
    expect(closestMatch("sceham", SUBCOMMANDS, 1)).toBeUndefined();
    expect(closestMatch("api", SUBCOMMANDS, 1)).toBeUndefined();
  });
});

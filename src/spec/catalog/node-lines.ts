/**
 * Node.js release lines and their support dates: the one table the CI matrix's default and its warnings
 * read. Dates are nodejs/Release's `schedule.json` (commit e4bf922d83b877a116763e2f83d2d9b6701871f9 of
 * 2026-07-02, the newest the project could read), checked on NODE_LINES_CHECKED_ON. Judgements are made
 * as of that day, so the result never depends on the clock; update the table and the day together.
 */
export const NODE_LINES_CHECKED_ON = "2026-12-05";

export interface NodeLine {
  major: number;
  /** First release of the line. */
  released: string;
  /** When the line entered long-term support; odd lines never do. */
  lts?: string;
  /** No fixes of any kind after this day, security fixes included. */
  endOfLife: string;
}

export const NODE_LINES: readonly NodeLine[] = [
  { major: 18, released: "2022-04-19", lts: "2022-10-25", endOfLife: "2025-04-30" },
  { major: 19, released: "2022-10-18", endOfLife: "2023-06-01" },
  { major: 20, released: "2023-04-18", lts: "2023-10-24", endOfLife: "2026-04-30" },
  { major: 21, released: "2023-10-17", endOfLife: "2024-06-01" },
  { major: 22, released: "2024-04-24", lts: "2024-10-29", endOfLife: "2027-04-30" },
  { major: 23, released: "2024-10-16", endOfLife: "2025-06-01" },
  { major: 24, released: "2025-05-06", lts: "2025-10-28", endOfLife: "2028-04-30" },
  { major: 25, released: "2025-10-15", endOfLife: "2026-06-01" },
  { major: 26, released: "2026-05-05", lts: "2026-10-28", endOfLife: "2029-04-30" },
  { major: 27, released: "2027-04-22", endOfLife: "2030-04-30" },
];

/**
 * The CI matrix when the spec gives none: the LTS lines in support with the longest track record. Node 26
 * entered LTS on 2026-10-28 and is accepted without a warning; a project adds it with
 * `--node-versions 22,24,26`. test/ci/node-lines.test.ts checks every default against the table.
 */
export const DEFAULT_NODE_VERSIONS: readonly string[] = ["22", "24"];

/** The LTS lines in support on a day, oldest first. */
export function supportedLtsLines(on = NODE_LINES_CHECKED_ON): NodeLine[] {
  return NODE_LINES.filter((line) => line.lts !== undefined && line.lts <= on && on < line.endOfLife);
}

/**
 * Why a version is a poor CI target on a day, or undefined when it is a supported LTS line. Aliases that
 * setup-node resolves itself (`lts/*`, `latest`, `node`) name no line and pass.
 */
export function nodeLineProblem(version: string, on = NODE_LINES_CHECKED_ON): string | undefined {
  const major = majorOf(version);
  if (major === undefined) return undefined;
  const line = NODE_LINES.find((candidate) => candidate.major === major);
  const first = NODE_LINES[0] as NodeLine;
  if (!line) {
    return major < first.major
      ? `Node ${major} reached end of life before ${first.endOfLife}`
      : `Node ${major} is not a Node.js release line this version of create-dagger-stack knows`;
  }
  if (on < line.released) return `Node ${major} is not released yet (due ${line.released})`;
  if (line.endOfLife <= on) return `Node ${major} reached end of life on ${line.endOfLife}`;
  if (line.lts === undefined)
    return `Node ${major} is not an LTS line: its support ends on ${line.endOfLife}`;
  if (on < line.lts) return `Node ${major} is not an LTS line until ${line.lts}`;
  return undefined;
}

/** One warning per unsupported line the CI matrix names, with the lines to pick instead. */
export function nodeVersionWarnings(versions: readonly string[], on = NODE_LINES_CHECKED_ON): string[] {
  const problems = new Map<number, string>();
  for (const version of versions) {
    const problem = nodeLineProblem(version, on);
    const major = majorOf(version);
    if (problem && major !== undefined && !problems.has(major)) problems.set(major, problem);
  }
  const supported = supportedLtsLines(on).map((line) => line.major);
  return [...problems.values()].map(
    (problem) =>
      `nodeVersions: ${problem}; CI is best run on the LTS lines in support, on ${on} ` +
      `${supported.join(", ")} (--node-versions ${supported.join(",")})`,
  );
}

/** `22`, `22.11.0`, `v22`, `22.x` → 22. */
function majorOf(version: string): number | undefined {
  const match = /^v?(\d+)(?:\.|$)/.exec(version.trim());
  return match ? Number(match[1]) : undefined;
}

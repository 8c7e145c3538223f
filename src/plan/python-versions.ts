/**
 * Version ranges of Python requirements: enough to tell whether a project's own requirement for a
 * package leaves room for the versions the generated tests run on. Reads PEP 440 specifiers (`>=7,<8`,
 * `~=7.4`, `==7.*`) and Poetry constraints (`^7.4`, `~7.4`, `7.4.*`, `>=7,<8 || >=9`). `!=` exclusions
 * are ignored: a hole in a range never decides whether two ranges meet.
 */

interface Version {
  release: number[];
  /** A pre- or dev-release sorts before its release: 9.0.0rc1 < 9.0.0. */
  pre: boolean;
}

interface Bound {
  version: Version;
  inclusive: boolean;
}

/** From `low` up to `high`; an absent bound is open. */
interface Interval {
  low?: Bound;
  high?: Bound;
}

/** A union of intervals; `[]` allows nothing, `[{}]` everything. */
export type VersionRange = Interval[];

const ANY: VersionRange = [{}];

const VERSION =
  /^v?(\d+(?:\.\d+)*)((?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?)(?:[-_.]?(?:post|rev|r)[-_.]?\d*)?((?:[-_.]?dev[-_.]?\d*)?)(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?$/i;

export function parseVersion(text: string): Version | undefined {
  const match = VERSION.exec(text.trim());
  if (!match) return undefined;
  return { release: (match[1] ?? "").split(".").map(Number), pre: match[2] !== "" || match[3] !== "" };
}

function compare(a: Version, b: Version): number {
  const length = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < length; i++) {
    const difference = (a.release[i] ?? 0) - (b.release[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return Number(b.pre) - Number(a.pre);
}

/** The first version past every release that starts like `version` up to `index`: bump(1.2.3, 1) = 1.3. */
function bump(version: Version, index: number): Version {
  const release = version.release.slice(0, index + 1);
  release[index] = (release[index] ?? 0) + 1;
  return { release, pre: true };
}

const at = (version: Version): Bound => ({ version, inclusive: true });
const before = (version: Version): Bound => ({ version, inclusive: false });

function interval(version: Version, upTo: Version): VersionRange {
  return [{ low: at(version), high: before(upTo) }];
}

/** One clause: `>=7.4`, `==7.*`, `~=7.4`, `^7.4` (Poetry), `~7.4` (Poetry), `7.4` (Poetry: exactly). */
function clause(text: string, poetry: boolean): VersionRange | undefined {
  const match = /^(===|==|!=|~=|>=|<=|>|<|\^|~)?\s*(.+)$/.exec(text.trim());
  const operator = match?.[1] ?? (poetry ? "==" : undefined);
  const operand = match?.[2]?.trim() ?? "";
  if (operand === "*" && poetry && match?.[1] === undefined) return ANY;
  if (operator === "!=") return ANY;
  if (operand.endsWith(".*")) {
    const version = parseVersion(operand.slice(0, -2));
    if (!version || (operator !== "==" && operator !== undefined)) return undefined;
    return interval(version, bump(version, version.release.length - 1));
  }
  const version = parseVersion(operand);
  if (!version || !operator) return undefined;
  return bounded(operator, version);
}

function bounded(operator: string, version: Version): VersionRange | undefined {
  const last = version.release.length - 1;
  switch (operator) {
    case "==":
    case "===":
      return [{ low: at(version), high: at(version) }];
    case ">=":
      return [{ low: at(version) }];
    case ">":
      return [{ low: before(version) }];
    case "<=":
      return [{ high: at(version) }];
    case "<":
      // `<10` excludes 10's pre-releases too (PEP 440).
      return [{ high: before({ ...version, pre: true }) }];
    case "~=":
      return last < 1 ? undefined : interval(version, bump(version, last - 1));
    case "~":
      return interval(version, bump(version, last === 0 ? 0 : 1));
    case "^": {
      const firstNonZero = version.release.findIndex((part) => part !== 0);
      return interval(version, bump(version, firstNonZero === -1 ? last : firstNonZero));
    }
    default:
      return undefined;
  }
}

/** Clauses joined by commas (and, in Poetry, by spaces) all hold. */
function allOf(text: string, poetry: boolean): VersionRange | undefined {
  const glued = text.replace(/(===|==|!=|~=|>=|<=|>|<|\^|~)\s+/g, "$1");
  const parts = glued.split(poetry ? /[\s,]+/ : /\s*,\s*/).filter((part) => part !== "");
  let range: VersionRange = ANY;
  for (const part of parts) {
    const next = clause(part, poetry);
    if (!next) return undefined;
    range = intersect(range, next);
  }
  return range;
}

/** A PEP 440 specifier set, e.g. `>=7.4,<9`; empty means any version. */
export function pep440Range(specifier: string): VersionRange | undefined {
  return allOf(specifier, false);
}

/** A Poetry constraint, e.g. `^7.4`, `>=7,<8 || ^9`. */
export function poetryRange(constraint: string): VersionRange | undefined {
  const alternatives = constraint.split(/\s*\|\|?\s*/).map((part) => allOf(part, true));
  if (alternatives.some((range) => range === undefined)) return undefined;
  return (alternatives as VersionRange[]).flat();
}

/** The version range of a PEP 508 requirement (`pytest[extra] >=7 ; python_version < "4"`); none for a URL. */
export function requirementRange(requirement: string): VersionRange | undefined {
  const withoutMarker = requirement.split(";", 1)[0] ?? "";
  const match = /^\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*(.*)$/.exec(withoutMarker);
  const specifier = (match?.[2] ?? "").trim();
  if (specifier.startsWith("@")) return undefined;
  return pep440Range(specifier.replace(/^\((.*)\)$/, "$1"));
}

export function intersect(a: VersionRange, b: VersionRange): VersionRange {
  return a.flatMap((left) => b.map((right) => meet(left, right))).filter((part) => !isEmpty(part));
}

function meet(a: Interval, b: Interval): Interval {
  return { low: tighter(a.low, b.low, 1), high: tighter(a.high, b.high, -1) };
}

/** Of two bounds, the one further in `direction` (1: the higher low bound; -1: the lower high bound). */
function tighter(a: Bound | undefined, b: Bound | undefined, direction: 1 | -1): Bound | undefined {
  if (!a || !b) return a ?? b;
  const order = compare(a.version, b.version) * direction;
  if (order !== 0) return order > 0 ? a : b;
  return a.inclusive ? b : a;
}

function isEmpty({ low, high }: Interval): boolean {
  if (!low || !high) return false;
  const order = compare(low.version, high.version);
  return order > 0 || (order === 0 && !(low.inclusive && high.inclusive));
}

/** Whether every version `inner` allows is in `outer`. */
function contains(outer: Interval, inner: Interval): boolean {
  const lowOk = !outer.low || (inner.low !== undefined && tighter(outer.low, inner.low, 1) === inner.low);
  const highOk =
    !outer.high || (inner.high !== undefined && tighter(outer.high, inner.high, -1) === inner.high);
  return lowOk && highOk;
}

/**
 * How a project's range relates to the versions the generated tests run on, `min` up to `below`: it
 * allows none of them (`disjoint`), it allows versions older than `min` too (`overlaps`), or it allows
 * no older one (`within`); `unknown` when it cannot be read. A range open above counts as within: newer
 * releases are a choice the project made for all its code, and its lock file pins one of ours today.
 */
export type RangeRelation = "within" | "overlaps" | "disjoint" | "unknown";

export function relation(theirs: VersionRange | undefined, min: string, below: string): RangeRelation {
  const low = parseVersion(min);
  const high = parseVersion(below);
  if (theirs === undefined || !low || !high) return "unknown";
  if (intersect(theirs, interval(low, { ...high, pre: true })).length === 0) return "disjoint";
  const fromMin: Interval = { low: at(low) };
  return theirs.every((part) => contains(fromMin, part)) ? "within" : "overlaps";
}

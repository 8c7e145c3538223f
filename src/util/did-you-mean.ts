/**
 * Edit distance where swapping two neighbouring letters counts as one edit (optimal string alignment):
 * `yse` is one edit from `yes`, and two from `use`.
 */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** Letters that must be typed before a prefix counts as meaning a longer word (`--serv` → `--services`). */
const MIN_PREFIX = 3;
const MAX_DISTANCE = 2;

/**
 * The candidate the input most likely meant, or undefined when none is close: the fewest edits (a
 * transposition is one, a candidate the input starts is one), then a prefix match, then the shorter
 * candidate, then table order.
 */
export function closestMatch(
  input: string,
  candidates: readonly string[],
  maxDistance = MAX_DISTANCE,
): string | undefined {
  const typed = input.toLowerCase();
  const letters = typed.replace(/^-+/, "");
  const scored = candidates.map((candidate, order) => {
    const lower = candidate.toLowerCase();
    const isPrefix = letters.length >= MIN_PREFIX && lower.startsWith(typed) && lower !== typed;
    // A prefix counts as one edit away, however much of the word is left to type.
    const distance = isPrefix ? Math.min(1, editDistance(typed, lower)) : editDistance(typed, lower);
    return { candidate, order, distance, isPrefix, close: distance <= maxDistance };
  });
  const best = scored
    .filter((entry) => entry.close)
    .sort(
      (a, b) =>
        a.distance - b.distance ||
        Number(b.isPrefix) - Number(a.isPrefix) ||
        a.candidate.length - b.candidate.length ||
        a.order - b.order,
    )[0];
  return best?.candidate;
}

/** "did you mean X?" when a close candidate exists, else the list of valid choices. */
export function choicesHint(input: string, candidates: readonly string[]): string {
  const best = closestMatch(input, candidates);
  return best !== undefined
    ? `did you mean "${best}"? Valid: ${candidates.join(", ")}`
    : `valid: ${candidates.join(", ")}`;
}

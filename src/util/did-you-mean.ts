function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** "did you mean X?" when a close candidate exists, else the list of valid choices. */
export function choicesHint(input: string, candidates: readonly string[]): string {
  const best = [...candidates].sort((a, b) => distance(input, a) - distance(input, b))[0];
  const close = best !== undefined && distance(input.toLowerCase(), best.toLowerCase()) <= 2;
  return close
    ? `did you mean "${best}"? Valid: ${candidates.join(", ")}`
    : `valid: ${candidates.join(", ")}`;
}

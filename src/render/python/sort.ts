/**
 * `__all__` in the order ruff's RUF022 wants: SCREAMING_SNAKE_CASE names, then CamelCase, then the rest,
 * each group in natural order (digit runs compare as numbers).
 */
export function sortDunderAll(names: readonly string[]): string[] {
  return [...new Set(names)].sort((a, b) => group(a) - group(b) || naturalCompare(a, b));
}

function group(name: string): number {
  if (name.length > 1 && name === name.toUpperCase() && /[A-Z]/.test(name)) return 0;
  if (/^_*[A-Z]/.test(name)) return 1;
  return 2;
}

function naturalCompare(a: string, b: string): number {
  const left = a.match(/\d+|\D+/g) ?? [];
  const right = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] as string;
    const y = right[i] as string;
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) return Number(x) - Number(y) || (x < y ? -1 : 1);
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/** Names of one `from x import ...` in the order ruff's isort wants: constants, classes, then the rest. */
export function sortImportNames(names: readonly string[]): string[] {
  return [...new Set(names)].sort(
    (a, b) => group(a) - group(b) || naturalCompare(a.toLowerCase(), b.toLowerCase()) || naturalCompare(a, b),
  );
}

/**
 * Globs as workspace files (pnpm-workspace.yaml, package.json `workspaces`, uv `members`) and tsconfig
 * `include` write them: `**` for any folders, `*` and `?` within one name, `{a,b}` for alternatives.
 */
export function matchesGlob(pattern: string, path: string): boolean {
  return globRegExp(pattern).test(path);
}

export function globRegExp(pattern: string): RegExp {
  const clean = pattern.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/+$/, "");
  let source = "";
  let braces = 0;
  for (let i = 0; i < clean.length; i++) {
    const char = clean[i] as string;
    if (clean.startsWith("**/", i)) {
      source += "(?:[^/]+/)*";
      i += 2;
    } else if (clean.startsWith("**", i)) {
      source += ".*";
      i += 1;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else if (char === "{") {
      source += "(?:";
      braces++;
    } else if (char === "}" && braces > 0) {
      source += ")";
      braces--;
    } else if (char === "," && braces > 0) source += "|";
    else source += char.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/** Workspace member lists: a path is a member when a pattern matches it and no `!pattern` does. */
export function matchesMemberGlobs(patterns: readonly string[], path: string): boolean {
  const excluded = patterns.filter((p) => p.startsWith("!")).some((p) => matchesGlob(p.slice(1), path));
  return !excluded && patterns.filter((p) => !p.startsWith("!")).some((p) => matchesGlob(p, path));
}

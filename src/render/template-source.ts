import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type Handlebars from "handlebars";

/**
 * Compiles a template from templates/ at run time: the path used by tests and tsx. The published bundle
 * replaces this module with templates precompiled by scripts/build.mjs, so the CLI ships Handlebars'
 * small runtime instead of its compiler.
 */
export const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;

export function compileTemplate(handlebars: typeof Handlebars, name: string): Handlebars.TemplateDelegate {
  return handlebars.compile(readFileSync(join(templatesRoot(), name), "utf8"), COMPILE_OPTIONS);
}

let root: string | undefined;

/** templates/ sits at the package root, above src/. */
export function templatesRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "templates", "typescript"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("templates/ folder not found next to the package");
    dir = parent;
  }
  root = join(dir, "templates");
  return root;
}

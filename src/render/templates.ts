import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";

/**
 * Templates are real files under templates/<language>/, named like their output plus `.hbs`. They are
 * compiled on an isolated Handlebars instance: strict (a missing view-model field is an error, not an
 * empty string) and without HTML escaping (the view-model escapes for the target language).
 */
const handlebars = Handlebars.create();
handlebars.registerHelper("json", (value: unknown) => JSON.stringify(value));
handlebars.registerHelper("eq", (a: unknown, b: unknown) => a === b);
handlebars.registerHelper("join", (items: unknown[], separator: unknown) =>
  items.join(typeof separator === "string" ? separator : ", "),
);

const cache = new Map<string, Handlebars.TemplateDelegate>();

export function render(template: string, view: object): string {
  let compiled = cache.get(template);
  if (!compiled) {
    const source = readFileSync(join(templatesRoot(), template), "utf8");
    compiled = handlebars.compile(source, { strict: true, noEscape: true });
    cache.set(template, compiled);
  }
  return compiled(view);
}

let root: string | undefined;

/** templates/ sits at the package root, above both src/ (tests) and dist/ (the published bundle). */
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

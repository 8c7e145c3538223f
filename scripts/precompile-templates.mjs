// An esbuild plugin: replaces src/render/template-source.ts with the templates under templates/, precompiled,
// and points `handlebars` at its runtime. The bundle then carries no template compiler and reads no
// template files at run time; tests (run from src/) keep compiling the same files on the fly.
// The precompiled templates are CommonJS scripts of their own, one per group (a language, and apart from it
// that language's migrate and module templates), required on first use: a TypeScript `create` never loads
// the Python templates, nor the migration's. They are code, not text turned into code at run time, so the
// CLI's code cache (src/load/) keeps them compiled between runs. Each template is a function that builds
// its spec when first rendered.
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import Handlebars from "handlebars";
import { requireBeside } from "./commonjs-scripts.mjs";

/** Subfolders of a language's templates that only some runs use: each is a group of its own. */
const OPTIONAL = new Set(["migrate", "module"]);

async function listTemplates(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".hbs"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** `typescript/stack/stack.ts.hbs` → `typescript`; `python/migrate/conftest.py.hbs` → `python-migrate`. */
function groupOf(name) {
  const [first, second, ...rest] = name.split("/");
  return rest.length > 0 && OPTIONAL.has(second) ? `${first}-${second}` : first;
}

const groupScript = (group) => `templates-${group}.cjs`;

/** { group: { name: precompiled spec (JavaScript) } } for every template. */
async function precompileAll(templatesDir, options) {
  const groups = {};
  for (const file of (await listTemplates(templatesDir)).sort()) {
    const name = relative(templatesDir, file).split(sep).join("/");
    groups[groupOf(name)] ??= {};
    groups[groupOf(name)][name] = Handlebars.precompile(await readFile(file, "utf8"), options);
  }
  return groups;
}

function groupScriptText(specs) {
  const entries = Object.entries(specs).map(([name, spec]) => `  ${JSON.stringify(name)}: () => (${spec}),`);
  return ['"use strict";', "module.exports = {", ...entries, "};", ""].join("\n");
}

/**
 * The module standing in for template-source.ts: each group's script is required when first needed, by its
 * full path (the script loader loads a path in the bundle as one of its scripts), beside this module.
 */
function sourceModule(groups) {
  const loaders = Object.keys(groups).map(
    (group) => `  ${JSON.stringify(group)}: () => ${requireBeside(groupScript(group))},`,
  );
  const groupOfName = Object.entries(groups).flatMap(([group, specs]) =>
    Object.keys(specs).map((name) => `  ${JSON.stringify(name)}: ${JSON.stringify(group)},`),
  );
  return [
    'import { fileURLToPath } from "node:url";',
    "const GROUPS = {",
    ...loaders,
    "};",
    "const GROUP_OF = {",
    ...groupOfName,
    "};",
    "export function compileTemplate(handlebars, name) {",
    "  const group = GROUP_OF[name];",
    "  if (group === undefined) throw new Error(`no template ${name} in the bundle`);",
    "  return handlebars.template(GROUPS[group]()[name]());",
    "}",
  ].join("\n");
}

/**
 * `emit(files)` receives the group scripts ({ path relative to the bundle's chunks, text, templates }) for
 * the build to write beside the chunk that requires them.
 */
export function precompileTemplates({ root, options, emit }) {
  const templatesDir = join(root, "templates");
  return {
    name: "precompile-templates",
    setup(build) {
      build.onResolve({ filter: /^handlebars$/ }, () => ({
        path: join(root, "node_modules", "handlebars", "runtime.js"),
      }));
      build.onResolve({ filter: /template-source\.js$/ }, () => ({
        path: "template-source",
        namespace: "templates",
      }));
      build.onLoad({ filter: /.*/, namespace: "templates" }, async () => {
        const groups = await precompileAll(templatesDir, options);
        emit(
          Object.entries(groups).map(([group, specs]) => ({
            path: groupScript(group),
            text: groupScriptText(specs),
            templates: Object.keys(specs).map((name) => `templates/${name}`),
          })),
        );
        return {
          contents: sourceModule(groups),
          loader: "js",
          watchFiles: await listTemplates(templatesDir),
        };
      });
    },
  };
}

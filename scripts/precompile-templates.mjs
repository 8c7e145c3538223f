// An esbuild plugin: replaces src/render/template-source.ts with every template under templates/,
// precompiled, and points `handlebars` at its runtime. The bundle then carries no template compiler and
// reads no template files at run time; tests (run from src/) keep compiling the same files on the fly.
// Each precompiled template is kept as the text of its spec and turned into code on first use: a run
// parses the templates of its own language only (a TypeScript stack never parses the Python ones), and
// loading the bundle scans one string table instead of parsing every template's functions.
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import Handlebars from "handlebars";

async function listTemplates(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".hbs"))
    .map((entry) => join(entry.parentPath, entry.name));
}

async function precompiledModule(templatesDir, options) {
  const entries = [];
  for (const file of await listTemplates(templatesDir)) {
    const name = relative(templatesDir, file).split(sep).join("/");
    const spec = Handlebars.precompile(await readFile(file, "utf8"), options);
    entries.push(`  ${JSON.stringify(name)}: ${JSON.stringify(spec)},`);
  }
  return [
    "const SPECS = {",
    ...entries.sort(),
    "};",
    "export function compileTemplate(handlebars, name) {",
    "  const spec = SPECS[name];",
    "  if (spec === undefined) throw new Error(`no template ${name} in the bundle`);",
    "  return handlebars.template(new Function(`return ${spec}`)());",
    "}",
  ].join("\n");
}

export function precompileTemplates({ root, options }) {
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
      build.onLoad({ filter: /.*/, namespace: "templates" }, async () => ({
        contents: await precompiledModule(join(root, "templates"), options),
        loader: "js",
        watchFiles: await listTemplates(join(root, "templates")),
      }));
    },
  };
}

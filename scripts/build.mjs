// Bundles the CLI and the plop plugin (src/plop/index.ts) into dist/. The CLI (src/cli/main.ts) is bundled
// as ES module chunks (one per command, the prompt library, the diff printer, the Python parser, ...), each
// turned into a CommonJS script in dist/cli/ (scripts/commonjs-scripts.mjs) that src/main.ts loads with V8's
// cached code; dist/bin.cjs and dist/main.js are that loader, as the bin and as an ES module. Everything is bundled
// except ts-morph, which carries its own copy of TypeScript and loads only for `add`. The WebAssembly files
// the Python parser needs (web-tree-sitter's runtime and tree-sitter-python's grammar, a dev dependency with
// native install scripts) are copied beside the scripts; the licenses of everything bundled go to
// dist/THIRD-PARTY-LICENSES.md. The build's metafile goes to .cache/ so tests can tell which script or
// chunk holds which module.
import { chmod, copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import ts from "typescript";
import { cliMainFromBundle, yamlAsEsm, zodJsonSchemaApart } from "./bundle-plugins.mjs";
import { writeCommonJsScripts } from "./commonjs-scripts.mjs";
import { lazyPackage } from "./lazy-packages.mjs";
import { precompileComposeSchema } from "./precompile-compose-schema.mjs";
import { precompileTemplates } from "./precompile-templates.mjs";
import { writeThirdPartyLicenses } from "./third-party-licenses.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist");
const metafilePath = join(root, ".cache", "build-meta.json");

// Bundled CommonJS (handlebars, mute-stream) calls require() for Node built-ins; ESM has no require.
const requireShim = [
  'import { createRequire as __cdsCreateRequire } from "node:module";',
  "const require = __cdsCreateRequire(import.meta.url);",
].join("\n");

/** Files copied beside the CLI's scripts: [package, file]; the Python parser finds them there (parser.ts). */
const WASM = [
  ["web-tree-sitter", "tree-sitter.wasm"],
  ["tree-sitter-python", "tree-sitter-python.wasm"],
];

const common = {
  absWorkingDir: root,
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["ts-morph"],
  banner: { js: requireShim },
  // jsonc-parser's main entry is UMD, whose inner require() calls a bundle cannot follow: take its ESM build.
  alias: { "jsonc-parser": "./node_modules/jsonc-parser/lib/esm/main.js" },
  metafile: true,
  logLevel: "warning",
};
// Scripts made beside the chunks (templates, lazily required packages): { path, text, inputs, beside }.
const extraScripts = [];
// Must match COMPILE_OPTIONS in src/render/template-source.ts.
const templates = (emit) => precompileTemplates({ root, options: { strict: true, noEscape: true }, emit });
const semverApart = (emit) => lazyPackage({ root, importer: "src/edit/json/semver.ts", pkg: "semver", emit });
const plugins = [
  yamlAsEsm({ root }),
  zodJsonSchemaApart({ root, user: "src/spec/json-schema.ts" }),
  precompileComposeSchema({ root }),
];

await rm(outdir, { recursive: true, force: true });
const cliDir = join(outdir, "cli");
const cliModules = await build({
  ...common,
  outdir: cliDir,
  entryPoints: { main: "src/cli/main.ts" },
  chunkNames: "chunks/[name]-[hash]",
  // Node runs these as CommonJS scripts, which have require() of their own.
  banner: {},
  write: false,
  plugins: [
    templates((files) => extraScripts.push(...files.map(templateScript))),
    semverApart((script) => extraScripts.push(script)),
    ...plugins,
  ],
});
const scripts = await writeCommonJsScripts({
  root,
  ...cliModules,
  extra: extraScripts.map(({ path, text, inputs, beside }) => ({
    path: join(root, dirname(outputHolding(cliModules.metafile, beside)), path),
    text,
    inputs,
  })),
});
const loaderOptions = {
  ...common,
  splitting: false,
  define: { CDS_BUILD_ID: JSON.stringify(scripts.buildId) },
};
// The bin is CommonJS (dist/bin.cjs, see src/bin.ts); main (dist/main.js) is the same loader as an ES
// module, for the plop plugin, which runs the very same CLI.
const bin = await build({
  ...loaderOptions,
  entryPoints: { bin: "src/bin.ts" },
  format: "cjs",
  outExtension: { ".js": ".cjs" },
  define: { ...loaderOptions.define, "import.meta.url": "importMetaUrl" },
  inject: [join(root, "scripts", "import-meta-url.cjs.mjs")],
  banner: {},
});
const main = await build({ ...loaderOptions, entryPoints: { main: "src/main.ts" }, banner: {} });
// Built apart, so the code the plugin shares with the CLI does not split the CLI's chunks further (each
// file costs start-up); its action imports the CLI's dist/main.js rather than a copy.
const plop = await build({
  ...common,
  entryPoints: { plop: "src/plop/index.ts" },
  chunkNames: "chunks/plop-[name]-[hash]",
  plugins: [
    cliMainFromBundle({ root, importer: "src/plop/run-cli.ts", path: "./main.js" }),
    // The plugin's actions run the CLI's main(); bundling these would only make copies.
    templates(() => {
      throw new Error("the plop plugin bundles the templates: its actions should run the CLI's main()");
    }),
    semverApart(() => {
      throw new Error("the plop plugin bundles semver: its actions should run the CLI's main()");
    }),
    ...plugins,
  ],
});
const metafile = mergeMetafiles(scripts.metafile, bin.metafile, main.metafile, plop.metafile);
await chmod(join(outdir, "bin.cjs"), 0o755);
for (const [pkg, file] of WASM) await copyFile(join(root, "node_modules", pkg, file), join(cliDir, file));
await writeFile(join(outdir, "plop.d.ts"), await declarationsOf("src/plop/index.ts"));
await writeThirdPartyLicenses({
  root,
  metafile,
  copied: WASM.map(([pkg]) => pkg),
  out: join(outdir, "THIRD-PARTY-LICENSES.md"),
});
await mkdir(dirname(metafilePath), { recursive: true });
await writeFile(metafilePath, JSON.stringify(metafile, null, 2));

/** A group of templates as a script beside the module that requires it (see precompile-templates.mjs). */
function templateScript({ path, text, templates }) {
  const inputs = Object.fromEntries(templates.map((template) => [template, { bytesInOutput: 0 }]));
  return { path, text, inputs, beside: "templates:template-source" };
}

/** The output (a path relative to root) that holds the given input; an extra script goes beside it. */
function outputHolding(metafile, input) {
  const found = Object.entries(metafile.outputs).find(([, output]) => input in output.inputs);
  if (!found) throw new Error(`no output of the build holds ${input}`);
  return found[0];
}

function mergeMetafiles(...metafiles) {
  return {
    inputs: Object.assign({}, ...metafiles.map((meta) => meta.inputs)),
    outputs: Object.assign({}, ...metafiles.map((meta) => meta.outputs)),
  };
}

/** The .d.ts of a module whose exports are explicitly typed and which imports no types (checked here). */
async function declarationsOf(file) {
  const { outputText, diagnostics } = ts.transpileDeclaration(await readFile(join(root, file), "utf8"), {
    fileName: file,
    compilerOptions: { isolatedDeclarations: true, module: ts.ModuleKind.NodeNext },
  });
  if (diagnostics?.length) {
    const messages = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    throw new Error(`${file}: its declarations need explicit types:\n${messages.join("\n")}`);
  }
  if (/^\s*(import|export .* from)\b/m.test(outputText)) {
    throw new Error(`${file}: its declarations import other modules; keep its public types in the file`);
  }
  return outputText;
}

// Bundles the CLI (src/bin.ts) and the plop plugin (src/plop/index.ts) into dist/: ESM entries plus lazily
// loaded chunks (one per command, the prompt library, the diff printer, the Python parser, ...). Everything
// is bundled except ts-morph, which carries its own copy of TypeScript and loads only for `add`. The
// WebAssembly files the Python parser needs (web-tree-sitter's runtime and tree-sitter-python's grammar,
// a dev dependency with native install scripts) are copied beside the bundle; the licenses of everything
// bundled go to dist/THIRD-PARTY-LICENSES.md. The build's metafile goes to .cache/ so tests can tell
// which chunk holds which module.
import { chmod, copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import ts from "typescript";
import { cliMainFromBundle, yamlAsEsm, zodJsonSchemaApart } from "./bundle-plugins.mjs";
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

/** Files copied beside the bundle: [package, file]; the Python parser finds them there (parser.ts). */
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
const plugins = [
  // Must match COMPILE_OPTIONS in src/render/template-source.ts.
  precompileTemplates({ root, options: { strict: true, noEscape: true } }),
  yamlAsEsm({ root }),
  zodJsonSchemaApart({ root, user: "src/spec/json-schema.ts" }),
  precompileComposeSchema({ root }),
];

await rm(outdir, { recursive: true, force: true });
// main is an entry of its own (dist/main.js) so the plop plugin can run the very same CLI.
const cli = await build({
  ...common,
  entryPoints: { bin: "src/bin.ts", main: "src/cli/main.ts" },
  chunkNames: "chunks/[name]-[hash]",
  plugins,
});
// Built apart, so the code the plugin shares with the CLI does not split the CLI's chunks further (each
// file costs start-up); its action imports the CLI's dist/main.js rather than a copy.
const plop = await build({
  ...common,
  entryPoints: { plop: "src/plop/index.ts" },
  chunkNames: "chunks/plop-[name]-[hash]",
  plugins: [cliMainFromBundle({ root, importer: "src/plop/run-cli.ts", path: "./main.js" }), ...plugins],
});
const metafile = mergeMetafiles(cli.metafile, plop.metafile);
await chmod(join(outdir, "bin.js"), 0o755);
for (const [pkg, file] of WASM) await copyFile(join(root, "node_modules", pkg, file), join(outdir, file));
await writeFile(join(outdir, "plop.d.ts"), await declarationsOf("src/plop/index.ts"));
await writeThirdPartyLicenses({
  root,
  metafile,
  copied: WASM.map(([pkg]) => pkg),
  out: join(outdir, "THIRD-PARTY-LICENSES.md"),
});
await mkdir(dirname(metafilePath), { recursive: true });
await writeFile(metafilePath, JSON.stringify(metafile, null, 2));

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

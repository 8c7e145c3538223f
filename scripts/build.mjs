// Bundles src/bin.ts into dist/: an ESM entry plus lazily loaded chunks (one per command, the diff
// printer, ...). ts-morph, web-tree-sitter and @inquirer/prompts stay real dependencies, imported at run
// time only where needed (web-tree-sitter finds its own .wasm beside its module). tree-sitter-python is a
// dev dependency with native install scripts: only its grammar, a .wasm file, ships, copied into dist/.
// The build's metafile goes to .cache/ so tests can tell which chunk holds which module.
import { chmod, copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { precompileComposeSchema } from "./precompile-compose-schema.mjs";
import { precompileTemplates } from "./precompile-templates.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist");
const metafilePath = join(root, ".cache", "build-meta.json");

// Bundled CommonJS (handlebars) calls require() for Node built-ins; ESM has no require of its own.
const requireShim = [
  'import { createRequire as __cdsCreateRequire } from "node:module";',
  "const require = __cdsCreateRequire(import.meta.url);",
].join("\n");

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { bin: "src/bin.ts" },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunks/[name]-[hash]",
  external: ["ts-morph", "web-tree-sitter", "@inquirer/prompts"],
  banner: { js: requireShim },
  // jsonc-parser's main entry is UMD, whose inner require() calls a bundle cannot follow: take its ESM build.
  alias: { "jsonc-parser": "./node_modules/jsonc-parser/lib/esm/main.js" },
  // Must match COMPILE_OPTIONS in src/render/template-source.ts.
  plugins: [
    precompileTemplates({ root, options: { strict: true, noEscape: true } }),
    precompileComposeSchema({ root }),
  ],
  metafile: true,
  logLevel: "warning",
});
await chmod(join(outdir, "bin.js"), 0o755);
const grammar = "tree-sitter-python.wasm";
await copyFile(join(root, "node_modules", "tree-sitter-python", grammar), join(outdir, grammar));
await mkdir(dirname(metafilePath), { recursive: true });
await writeFile(metafilePath, JSON.stringify(result.metafile, null, 2));

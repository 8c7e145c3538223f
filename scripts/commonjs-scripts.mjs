// Turns esbuild's ES module chunks of the CLI into CommonJS scripts for src/load/scripts.ts, which compiles
// them with vm.Script and V8's cached code (Node 20 has no compile cache for ES modules). The chunks keep
// their split: a script requires the scripts it imported, and a dynamic import() becomes a require() run
// when the import would have run, so a command still loads only what it uses.
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, relative } from "node:path";
import { transform } from "esbuild";

/**
 * Writes each output of an esbuild build made with `write: false` as a `.cjs` script, and the scripts made
 * beside it (`extra`: { path, text, inputs }, already CommonJS). Returns the build's metafile with the
 * outputs renamed as written (and the extra scripts added), and a hash of all scripts (the code cache is
 * kept per hash).
 */
export async function writeCommonJsScripts({ root, outputFiles, metafile, extra = [] }) {
  const hash = createHash("sha256");
  const outputs = {};
  for (const { path, text, inputs } of extra) {
    hash.update(text);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    outputs[relative(root, path)] = { imports: [], inputs };
  }
  for (const file of outputFiles) {
    const key = relative(root, file.path);
    const meta = metafile.outputs[key];
    if (!meta) throw new Error(`${key}: not in the build's metafile`);
    const path = asScript(file.path);
    const code = await toCommonJs(withoutOwnRequire(withScriptImports(file.text, key, meta)), key);
    hash.update(code);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, code);
    outputs[asScript(key)] = meta;
  }
  return { metafile: { inputs: metafile.inputs, outputs }, buildId: hash.digest("hex").slice(0, 16) };
}

const asScript = (path) => path.replace(/\.js$/, ".cjs");

/**
 * For a module bundled into the CLI: the JavaScript expression that requires the script `name` written
 * beside the chunk holding that module, by its full path (the loader runs a path in the bundle as one of its
 * scripts). `fileURLToPath` is the name the module imported node:url's function under.
 */
export function requireBeside(name, fileURLToPath = "fileURLToPath") {
  return `require(${fileURLToPath}(new URL(${JSON.stringify(`./${name}`)}, import.meta.url)))`;
}

/** esbuild writes each import of another chunk as a double-quoted relative path: point those at the scripts. */
function withScriptImports(text, key, meta) {
  let result = text;
  const chunks = new Set(
    meta.imports.filter((imported) => !imported.external).map((imported) => imported.path),
  );
  for (const chunk of chunks) {
    let specifier = relative(dirname(key), chunk);
    if (!specifier.startsWith(".")) specifier = `./${specifier}`;
    const quoted = JSON.stringify(specifier);
    if (!result.includes(quoted)) throw new Error(`${key}: import of ${quoted} not found (esbuild changed?)`);
    result = result.replaceAll(quoted, JSON.stringify(asScript(specifier)));
  }
  return result;
}

/**
 * An ES module may declare a `require` of its own (web-tree-sitter: `var require = createRequire(...)`,
 * after an `await import("module")`). As a script, that declaration would shadow the require its import()
 * becomes, hoisted and still undefined. Renamed, the require calls after it reach the loader's, which hands
 * Node's built-ins to Node just as createRequire's would.
 */
function withoutOwnRequire(text) {
  return text.replace(/\b(var|let|const) require = /g, "$1 __ownRequire = ");
}

async function toCommonJs(text, key) {
  const { code } = await transform(text, {
    format: "cjs",
    platform: "node",
    target: "node20",
    sourcefile: key,
    // import() becomes require(): the loader, not Node, resolves the bundle's own scripts.
    supported: { "dynamic-import": false },
    // The CommonJS form of import.meta.url (the template strings that contain those words are untouched).
    define: { "import.meta.url": "__importMetaUrl" },
    banner: 'var __importMetaUrl = require("node:url").pathToFileURL(__filename).href;',
    logLevel: "error",
  });
  return code;
}

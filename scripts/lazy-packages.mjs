// An esbuild plugin: a package that only some runs need is bundled as a CommonJS script of its own,
// required on first use. Its source module (`importer`) loads it with `createRequire(import.meta.url)(pkg)`,
// which works from source; in the bundle that call becomes a require() of the script, by its full path
// beside the chunk holding the importer (the CLI's loader runs it with the code cache, like any script).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { build } from "esbuild";
import { requireBeside } from "./commonjs-scripts.mjs";

const lazyScript = (pkg) => `package-${pkg}.cjs`;

/** `emit(script)` receives { path (a name), text, inputs (esbuild's, for the licenses), beside (an input) }. */
export function lazyPackage({ root, importer, pkg, emit }) {
  const file = join(root, importer);
  const call = `createRequire(import.meta.url)(${JSON.stringify(pkg)})`;
  return {
    name: `lazy-package-${pkg}`,
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
        if (path !== file) return undefined;
        const text = await readFile(path, "utf8");
        if (!text.includes(call)) throw new Error(`${importer}: no ${call} to point at the bundled ${pkg}`);
        emit({ ...(await bundlePackage(root, pkg)), path: lazyScript(pkg), beside: importer });
        const required = requireBeside(lazyScript(pkg), "__lazyPath");
        const contents = `import { fileURLToPath as __lazyPath } from "node:url";\n${text.replace(call, required)}`;
        return { contents, loader: "ts" };
      });
    },
  };
}

async function bundlePackage(root, pkg) {
  const result = await build({
    absWorkingDir: root,
    stdin: { contents: `module.exports = require(${JSON.stringify(pkg)});`, resolveDir: root },
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    write: false,
    metafile: true,
    logLevel: "warning",
  });
  const [output] = Object.values(result.metafile.outputs);
  return { text: result.outputFiles[0].text, inputs: output.inputs };
}

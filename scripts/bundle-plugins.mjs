// esbuild plugins that keep code off the `create` path which esbuild's splitting would otherwise put on it.
// esbuild places a file in a chunk by which entry points can reach it through any import, used or not, so
// a library's index that re-exports everything drags each re-exported file into the chunk every caller
// loads. Each plugin fails the build when the library no longer looks the way it expects.
import { readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * yaml's "node" build is CommonJS: bundled, it runs every one of its modules at load through require
 * wrappers. Its ESM build (the same code, published for browsers) lets the bundle keep only what is used.
 */
export function yamlAsEsm({ root }) {
  return {
    name: "yaml-as-esm",
    setup(build) {
      build.onResolve({ filter: /^yaml$/ }, () => ({
        path: join(root, "node_modules", "yaml", "browser", "index.js"),
      }));
    },
  };
}

const ZOD = /node_modules[\\/]zod[\\/]v4[\\/](core[\\/]index|mini[\\/]external)\.js$/;
const JSON_SCHEMA_EXPORT = /^export .* from "(\.\.\/core|\.)\/(to-json-schema|json-schema[-a-z]*)\.js";$/gm;

/**
 * zod's JSON Schema code (a third of zod) serves only the `schema` command. zod's indexes re-export it,
 * so the indexes are loaded without those lines, and src/spec/json-schema.ts, its one user, gets
 * toJSONSchema straight from the file that defines it.
 */
export function zodJsonSchemaApart({ root, user }) {
  const processors = join(root, "node_modules", "zod", "v4", "core", "json-schema-processors.js");
  return {
    name: "zod-json-schema-apart",
    setup(build) {
      build.onLoad({ filter: ZOD }, async ({ path }) => {
        const text = await readFile(path, "utf8");
        const kept = text.replace(JSON_SCHEMA_EXPORT, "");
        if (kept === text) throw new Error(`${path}: no JSON Schema re-export to leave out (zod changed?)`);
        return { contents: kept, loader: "js", resolveDir: join(path, "..") };
      });
      build.onResolve({ filter: /^zod\/mini$/ }, ({ importer }) =>
        importer === join(root, user) ? { path: "zod-json-schema", namespace: "zod-json-schema" } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: "zod-json-schema" }, () => ({
        contents: `export { toJSONSchema } from ${JSON.stringify(processors)};`,
        loader: "js",
        resolveDir: root,
      }));
    },
  };
}

/** The plop plugin's import of the CLI's main() becomes an import of the CLI bundle's own entry. */
export function cliMainFromBundle({ root, importer, path }) {
  return {
    name: "cli-main-from-bundle",
    setup(build) {
      build.onResolve({ filter: /\/cli\/main\.js$/ }, (args) =>
        args.importer === join(root, importer) ? { path, external: true } : undefined,
      );
    },
  };
}

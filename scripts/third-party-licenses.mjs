// Writes the license of every package whose code the bundle carries (found through esbuild's metafile)
// or whose files the build copies, so the published package passes on the notices those licenses ask for.
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const LICENSE_FILE = /^(licen[cs]e|copying)(\.(md|txt))?$/i;

/** `node_modules/@scope/name/dist/x.js` → `node_modules/@scope/name` (the innermost package). */
export function packageDirOf(input) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1];
}

async function describe(root, dir) {
  const pkg = JSON.parse(await readFile(join(root, dir, "package.json"), "utf8"));
  if (!pkg.license) throw new Error(`${dir}: package.json names no license; check it before bundling it`);
  const files = (await readdir(join(root, dir))).filter((name) => LICENSE_FILE.test(name));
  const text = files.length > 0 ? await readFile(join(root, dir, files[0]), "utf8") : undefined;
  return { name: pkg.name, version: pkg.version, license: pkg.license, text };
}

/** Files some of whose code is in the bundle (esbuild also lists those it read and shook out entirely). */
function bundledInputs(metafile) {
  return Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([input]) => input),
  );
}

export async function writeThirdPartyLicenses({ root, metafile, copied, out }) {
  const dirs = new Set(copied.map((pkg) => join("node_modules", pkg)));
  for (const input of bundledInputs(metafile)) {
    const dir = packageDirOf(input);
    if (dir && existsSync(join(root, dir, "package.json"))) dirs.add(dir);
  }
  const packages = await Promise.all([...dirs].map((dir) => describe(root, dir)));
  packages.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const sections = packages.map(({ name, version, license, text }) =>
    [
      `## ${name} ${version} (${license})`,
      "",
      text?.trim() ?? `Licensed under ${license}; the package ships no license text.`,
    ].join("\n"),
  );
  const intro = "create-dagger-stack's bundle includes code from these packages, under their own licenses.";
  await writeFile(out, `# Third-party licenses\n\n${intro}\n\n${sections.join("\n\n")}\n`);
  return packages;
}

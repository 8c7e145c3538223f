#!/usr/bin/env node
// Times step 1 of a migration on a 15-service compose project (base file + override, .env, anchors,
// interpolation, extends, healthchecks, a workflow, Dockerfiles): the readers bundled the way the CLI
// bundles them (precompiled compose schema), each run a fresh Node process that imports the bundle and
// reads the project. Reports the median wall time of the whole process, and of the read alone.
// Usage: node bench/migrate-read.mjs [runs]
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { precompileComposeSchema } from "../scripts/precompile-compose-schema.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const runs = Number(process.argv[2] ?? 15);
const work = mkdtempSync(join(tmpdir(), "bench-migrate-read-"));
const project = join(work, "project");

function service(index) {
  const name = `svc${index}`;
  const kind = index % 3;
  const lines = [`  ${name}:`];
  if (kind === 0) lines.push(`    <<: *defaults`, `    image: postgres:\${PG_VERSION:-16}`);
  if (kind === 1) lines.push(`    build: { context: ./app${index}, args: ["VERSION=\${TAG}"] }`);
  if (kind === 2) lines.push(`    extends: svc0`, `    command: run --port ${8000 + index}`);
  lines.push(
    `    environment:`,
    `      PASSWORD: \${DB_PASSWORD:-secret}`,
    `      URL: postgres://app:\${DB_PASSWORD:-secret}@svc0:5432/app`,
    `    ports: ["${9000 + index}:${8000 + index}"]`,
    `    volumes: ["./data/${name}:/data", "cache${index}:/cache"]`,
    `    healthcheck: { test: ["CMD-SHELL", "true"], interval: 5s, retries: 5 }`,
  );
  if (index > 0) lines.push(`    depends_on: { svc0: { condition: service_healthy } }`);
  return lines.join("\n");
}

const services = Array.from({ length: 15 }, (_, index) => service(index));
mkdirSync(join(project, ".github", "workflows"), { recursive: true });
writeFileSync(
  join(project, "compose.yaml"),
  [
    "x-defaults: &defaults",
    "  restart: unless-stopped",
    "  logging: { driver: json-file }",
    "services:",
    ...services,
    "volumes:",
    ...Array.from({ length: 15 }, (_, index) => `  cache${index}: {}`),
    "",
  ].join("\n"),
);
writeFileSync(
  join(project, "compose.override.yaml"),
  "services:\n  svc1:\n    environment: { DEBUG: '1' }\n",
);
writeFileSync(join(project, ".env"), "TAG=1.2.3\nPG_VERSION=16\n");
for (let index = 1; index < 15; index += 3) {
  mkdirSync(join(project, `app${index}`), { recursive: true });
  writeFileSync(join(project, `app${index}`, "Dockerfile"), "FROM node:20\nEXPOSE 8000\nCMD node .\n");
}
writeFileSync(
  join(project, ".github", "workflows", "test.yml"),
  "jobs:\n  test:\n    services:\n      pg:\n        image: postgres:16\n        options: --health-cmd pg_isready\n",
);

await build({
  absWorkingDir: root,
  entryPoints: ["src/readers/index.ts"],
  outfile: join(work, "readers.mjs"),
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  banner: { js: 'import { createRequire as __r } from "node:module"; const require = __r(import.meta.url);' },
  plugins: [precompileComposeSchema({ root })],
  logLevel: "warning",
});
writeFileSync(
  join(work, "run.mjs"),
  [
    "const { readProject } = await import('./readers.mjs');",
    "const start = performance.now();",
    "const cpuStart = process.cpuUsage();",
    `const inventory = readProject(${JSON.stringify(project)});`,
    "const read = performance.now() - start;",
    "const cpu = process.cpuUsage(cpuStart);",
    "if (inventory.compose.services.length !== 15) throw new Error('expected 15 services');",
    "console.log(JSON.stringify({ read, cpu: (cpu.user + cpu.system) / 1000 }));",
  ].join("\n"),
);

const totals = [];
const reads = [];
const cpus = [];
for (let run = 0; run < runs; run++) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(work, "run.mjs")], { cwd: work, encoding: "utf8" });
  totals.push(performance.now() - started);
  if (result.status !== 0) throw new Error(result.stderr);
  const { read, cpu } = JSON.parse(result.stdout);
  reads.push(read);
  cpus.push(cpu);
}
if (!process.env.KEEP) rmSync(work, { recursive: true, force: true });
else console.log(work);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`15-service compose project, ${runs} runs (fresh process each)`);
console.log(`  whole process (node start + import + read): median ${median(totals).toFixed(0)} ms`);
console.log(`  read + merge + validate + inventory:        median ${median(reads).toFixed(1)} ms`);
// On a shared machine wall time includes waiting for a core; CPU time is the work itself.
console.log(`  the same, CPU time (user + system):         median ${median(cpus).toFixed(1)} ms`);
console.log(
  `  (load average ${(await import("node:os")).loadavg()[0].toFixed(1)} on ${(await import("node:os")).cpus().length} cores)`,
);

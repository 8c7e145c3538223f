#!/usr/bin/env node
// Times `create-dagger-stack migrate` on a 15-service compose project, before any install: the built CLI
// in a fresh Node process per run, reading the project (base file + override, .env, anchors,
// interpolation, healthchecks, conditions, named volumes, credentials shared through URLs), converting
// it, planning the stack and the report, and writing everything (--yes) or listing it (--dry-run).
// Reports the median wall time of each, and its CPU time (on a shared machine wall time includes waiting
// for a core). Usage: npm run build && node bench/migrate.mjs [runs]
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "dist", "bin.cjs");
const runs = Number(process.argv[2] ?? 9);
const work = mkdtempSync(join(tmpdir(), "bench-migrate-"));
const template = join(work, "template");

const DATA = [
  ["db", "postgres:16.4", 5432, "/var/lib/postgresql/data", "pg_isready -U app"],
  ["vectors", "pgvector/pgvector:pg16", 5432, "/var/lib/postgresql/data", "pg_isready -U app"],
  ["cache", "redis:7.4.1", 6379, "/data", "redis-cli ping"],
  ["mysql", "mysql:8.4.3", 3306, "/var/lib/mysql", "mysqladmin ping -h localhost"],
  ["mongo", "mongo:8.0.3", 27017, "/data/db", "mongosh --eval 'db.runCommand({ ping: 1 })'"],
];

function dataService([name, image, port, dataPath, check], index) {
  return [
    `  ${name}:`,
    "    <<: *defaults",
    `    image: ${image}`,
    "    environment:",
    "      POSTGRES_USER: app",
    `      POSTGRES_PASSWORD: \${DB_PASSWORD:-change-me}`,
    `      MYSQL_ROOT_PASSWORD: \${DB_PASSWORD:-change-me}`,
    `    ports: ["${20000 + index}:${port}"]`,
    `    volumes: ["${name}-data:${dataPath}"]`,
    `    healthcheck: { test: ["CMD-SHELL", "${check.replaceAll('"', '\\"')}"], interval: 5s, retries: 5 }`,
  ].join("\n");
}

function appService(index) {
  return [
    `  app${index}:`,
    "    <<: *defaults",
    `    image: ghcr.io/acme/app${index}:\${TAG}`,
    `    command: ["serve", "--port", "${8000 + index}"]`,
    "    environment:",
    `      DATABASE_URL: postgres://app:\${DB_PASSWORD:-change-me}@db:5432/app`,
    "      REDIS_URL: redis://cache:6379/0",
    "      MONGO_HOST: mongo",
    `      API_TOKEN: token-${index}`,
    `    ports: ["${9000 + index}:${8000 + index}"]`,
    `    volumes: ["pip-cache:/root/.cache/pip", "uploads${index}:/srv/uploads"]`,
    "    depends_on:",
    "      db: { condition: service_healthy }",
    "      cache: { condition: service_started }",
    "    deploy: { resources: { limits: { cpus: '1' } } }",
  ].join("\n");
}

const services = [...DATA.map(dataService), ...Array.from({ length: 10 }, (_, index) => appService(index))];
mkdirSync(template, { recursive: true });
writeFileSync(
  join(template, "compose.yaml"),
  [
    "x-defaults: &defaults",
    "  restart: unless-stopped",
    "  logging: { driver: json-file }",
    "services:",
    ...services,
    "volumes:",
    ...DATA.map(([name]) => `  ${name}-data: {}`),
    "  pip-cache: {}",
    ...Array.from({ length: 10 }, (_, index) => `  uploads${index}: {}`),
    "",
  ].join("\n"),
);
writeFileSync(
  join(template, "compose.override.yaml"),
  "services:\n  app1:\n    environment: { DEBUG: '1' }\n",
);
writeFileSync(join(template, ".env"), "TAG=1.2.3\nDB_PASSWORD=s3cret-from-env\n");
writeFileSync(join(template, "package.json"), '{ "name": "bench-app", "private": true }\n');

// The child writes its own CPU time (user + system) when it exits. A --require preload: --import would
// make Node start the CommonJS bin through its ES module loader, which a user's run does not.
const preload = join(work, "cpu.cjs");
writeFileSync(
  preload,
  'const { writeFileSync } = require("node:fs"); process.on("exit", () => { const u = process.cpuUsage(); writeFileSync(process.env.BENCH_CPU_FILE, String((u.user + u.system) / 1000)); });\n',
);

function timeRun(args) {
  const folder = mkdtempSync(join(work, "run-"));
  cpSync(template, folder, { recursive: true });
  const cpuFile = join(folder, ".cpu");
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--require", preload, bin, "migrate", ...args], {
    cwd: folder,
    encoding: "utf8",
    env: { ...process.env, BENCH_CPU_FILE: cpuFile, NO_COLOR: "1" },
  });
  const wall = performance.now() - started;
  if (result.status !== 0) throw new Error(`migrate ${args.join(" ")} failed:\n${result.stderr}`);
  return { wall, cpu: Number(readFileSync(cpuFile, "utf8")) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const line = (label, results) =>
  console.log(
    `  ${label.padEnd(40)}median ${median(results.map((r) => r.wall)).toFixed(0)} ms wall, ${median(results.map((r) => r.cpu)).toFixed(0)} ms CPU`,
  );
try {
  const dryRuns = Array.from({ length: runs }, () => timeRun(["--dry-run"]));
  const writes = Array.from({ length: runs }, () => timeRun(["--yes"]));
  console.log(`migrate on a 15-service compose project, ${runs} runs each (fresh node process, no install)`);
  line("--dry-run (read, convert, plan, list)", dryRuns);
  line("--yes (the same, and write every file)", writes);
  console.log(`  (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`);
} finally {
  if (!process.env.KEEP) rmSync(work, { recursive: true, force: true });
  else console.log(work);
}

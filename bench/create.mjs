#!/usr/bin/env node
// Times `create-dagger-stack --yes` for a four-service spec against create-vite's own non-interactive
// scaffold, in the same run, alternating so both see the same machine state. Reports the median wall
// time, CPU time and peak RSS of each and their ratios; on a busy machine the CPU time ratio is the
// steadier figure. create-dagger-stack keeps V8's compiled code of its scripts between runs (src/load/), as
// Node 22 does for modules: the warm-up run fills that cache in a folder of the bench's own, and the last
// comparison gives every run an empty cache, as the first run after an install has.
// Usage: node bench/create.mjs [runs]  (after `npm run build`; default 25 runs)
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const runs = Number(process.argv[2] ?? 25);
const preload = join(root, "bench", "report-rss.cjs");
const spec = join(root, "test", "fixtures", "specs", "commandcenter.yaml");

const subjects = {
  "create-dagger-stack": (dir) => [join(root, "dist", "bin.cjs"), dir, "--spec", spec, "--yes"],
  "create-vite": (dir) => [
    join(root, "node_modules", "create-vite", "index.js"),
    dir,
    "--template",
    "vanilla-ts",
    "--no-interactive",
    "--no-immediate",
  ],
};

const codeCache = mkdtempSync(join(tmpdir(), "bench-code-cache-"));
process.on("exit", () => rmSync(codeCache, { recursive: true, force: true }));

function measure(args, { coldCache = false } = {}) {
  const work = mkdtempSync(join(tmpdir(), "bench-create-"));
  const rssFile = join(work, "rss");
  const target = join(work, "app");
  const cache = coldCache ? join(work, "code-cache") : codeCache;
  const env = { ...process.env, BENCH_RSS_FILE: rssFile, CI: "1", NO_COLOR: "1", NODE_COMPILE_CACHE: cache };
  delete env.NODE_DISABLE_COMPILE_CACHE;
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["--require", preload, ...args(target)], {
    env,
    encoding: "utf8",
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args(target).join(" ")} failed:\n${result.stderr}`);
  const { maxRSS, cpuMs } = JSON.parse(readFileSync(rssFile, "utf8"));
  rmSync(work, { recursive: true, force: true });
  return { wallMs, cpuMs, rssKiB: maxRSS };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// Start-up alone: each CLI printing its help, which loads its entry and nothing it scaffolds with.
const startups = {
  "create-dagger-stack": () => [join(root, "dist", "bin.cjs"), "--help"],
  "create-vite": () => [join(root, "node_modules", "create-vite", "index.js"), "--help"],
};

function compare(title, set, options) {
  const samples = Object.fromEntries(Object.keys(set).map((name) => [name, []]));
  for (const args of Object.values(set)) measure(args); // warm the file cache (and the code cache) once each
  for (let run = 0; run < runs; run++) {
    for (const [name, args] of Object.entries(set)) samples[name].push(measure(args, options));
  }
  const summary = Object.fromEntries(
    Object.entries(samples).map(([name, list]) => [
      name,
      {
        wallMs: median(list.map((s) => s.wallMs)),
        cpuMs: median(list.map((s) => s.cpuMs)),
        rssMiB: median(list.map((s) => s.rssKiB)) / 1024,
      },
    ]),
  );
  const ours = summary["create-dagger-stack"];
  const theirs = summary["create-vite"];
  console.log(`${title}: ${runs} runs each, alternating; node ${process.version}`);
  for (const [name, { wallMs, cpuMs, rssMiB }] of Object.entries(summary)) {
    const wall = `median wall ${wallMs.toFixed(1).padStart(7)} ms`;
    const cpu = `CPU ${cpuMs.toFixed(1).padStart(6)} ms`;
    console.log(`  ${name.padEnd(20)} ${wall}   ${cpu}   peak RSS ${rssMiB.toFixed(1)} MiB`);
  }
  const ratio = (key) => (ours[key] / theirs[key]).toFixed(2);
  console.log(
    `  ratio (create-dagger-stack / create-vite): wall ${ratio("wallMs")}x, CPU ${ratio("cpuMs")}x, RSS ${ratio("rssMiB")}x`,
  );
}

compare("scaffold (four-service spec vs vanilla-ts)", subjects);
compare("start-up (--help)", startups);
compare("scaffold, first run after an install (empty code cache)", subjects, { coldCache: true });

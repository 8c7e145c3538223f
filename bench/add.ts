/**
 * `add redis` on a bare generated project vs the same project padded with 2,000 more TypeScript files.
 * planAdd parses only the files it edits, so the two should take about as long. Each run plans on a
 * fresh copy through the disk-backed tree and commits the changes, so disk reads and writes are measured.
 *
 *   npx tsx bench/add.ts            (RUNS=15 PADDING=2000 to change the defaults)
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { planCreate } from "../src/plan/create.js";
import { loadStack } from "../src/spec/load.js";
import { commitChanges } from "../src/tree/commit.js";
import { diskReader } from "../src/tree/disk.js";
import { VirtualTree } from "../src/tree/tree.js";

const RUNS = Number(process.env.RUNS ?? 11);
const PADDING = Number(process.env.PADDING ?? 2000);
const TOOL_VERSION = "0.0.0-bench";

const SPEC = {
  name: "knowledgebeast",
  services: [
    { name: "postgres", kind: "postgres", version: "16", extensions: ["pgvector"], database: "kb" },
    { name: "backend", kind: "backend", build: "./backend", dependsOn: ["postgres"] },
  ],
  matrix: { store: ["postgres"] },
  ci: "github",
};

async function generate(root: string): Promise<void> {
  const tree = new VirtualTree(diskReader(root));
  planCreate(loadStack(SPEC), tree, TOOL_VERSION);
  await commitChanges(root, tree.changes());
}

/** Application code the project already had: modules with imports, classes and functions. */
function pad(root: string, count: number): void {
  for (let index = 0; index < count; index++) {
    const folder = join(root, "src", `feature-${Math.floor(index / 100)}`);
    mkdirSync(folder, { recursive: true });
    const previous =
      index % 100 === 0 ? "" : `import { Module${index - 1} } from "./module-${index - 1}.js";\n`;
    const body = Array.from(
      { length: 20 },
      (_, line) => `  method${line}(input: number): number {\n    return input * ${line};\n  }`,
    );
    writeFileSync(
      join(folder, `module-${index}.ts`),
      `${previous}export class Module${index} {\n${body.join("\n\n")}\n}\n`,
    );
  }
}

async function timeAdd(template: string): Promise<number> {
  const root = mkdtempSync(join(tmpdir(), "bench-add-run-"));
  cpSync(template, root, { recursive: true });
  const { planAdd } = await import("../src/plan/add/index.js");
  const start = performance.now();
  const tree = new VirtualTree(diskReader(root));
  planAdd({ type: "service", service: { kind: "redis" } }, tree, TOOL_VERSION);
  await commitChanges(root, tree.changes());
  const elapsed = performance.now() - start;
  rmSync(root, { recursive: true, force: true });
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const format = (ms: number) => `${ms.toFixed(1)} ms`;

async function main(): Promise<void> {
  const workspace = mkdtempSync(join(tmpdir(), "bench-add-"));
  const bare = join(workspace, "bare");
  const padded = join(workspace, "padded");
  await generate(bare);
  cpSync(bare, padded, { recursive: true });
  pad(padded, PADDING);

  const importStart = performance.now();
  await import("../src/plan/add/index.js");
  const importTime = performance.now() - importStart;

  await timeAdd(bare);
  await timeAdd(padded);
  const times = { bare: [] as number[], padded: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    times.bare.push(await timeAdd(bare));
    times.padded.push(await timeAdd(padded));
  }
  rmSync(workspace, { recursive: true, force: true });

  const [bareMedian, paddedMedian] = [median(times.bare), median(times.padded)];
  console.log(`add redis, ${RUNS} runs each (interleaved, after one warm-up run each)`);
  console.log(`  loading src/plan/add/ (ts-morph included), once: ${format(importTime)}`);
  console.log(
    `  bare project:                 median ${format(bareMedian)}  (min ${format(Math.min(...times.bare))}, max ${format(Math.max(...times.bare))})`,
  );
  console.log(
    `  + ${PADDING} TypeScript files:  median ${format(paddedMedian)}  (min ${format(Math.min(...times.padded))}, max ${format(Math.max(...times.padded))})`,
  );
  console.log(`  ratio padded / bare: ${(paddedMedian / bareMedian).toFixed(2)}`);
}

await main();

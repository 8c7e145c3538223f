// Preloaded into each measured process (`node --import`): at exit it writes the process's peak RSS in KiB
// to the file named by BENCH_RSS_FILE. Node cannot read a child's rusage, so the child reports its own.
import { writeFileSync } from "node:fs";

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on("exit", () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
}

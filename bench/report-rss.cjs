// Preloaded into each measured process (`node --require`): at exit it writes the process's peak RSS (KiB)
// and the CPU time it used (user + system, ms) as JSON to the file named by BENCH_RSS_FILE. Node cannot
// read a child's rusage, so the child reports its own. CPU time hardly depends on how busy the machine
// is; wall time does.
// CommonJS and --require, not --import: an --import preload makes Node run a CommonJS entry (such as
// create-dagger-stack's dist/bin.cjs) through its ES module loader, which costs that entry ~8 ms it does not
// pay when a user runs it, while an ES module entry (create-vite's) pays nothing extra either way.
const { writeFileSync } = require("node:fs");

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on("exit", () => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRSS, cpuMs: (userCPUTime + systemCPUTime) / 1000 }));
  });
}

// Loaded with `node --import` in tests: makes the CLI see a terminal on stdin (its input is still a pipe).
Object.defineProperty(process.stdin, "isTTY", { value: true });

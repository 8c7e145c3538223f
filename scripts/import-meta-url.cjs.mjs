// Injected into the CommonJS bin (scripts/build.mjs), where `import.meta.url` stands for this.
export const importMetaUrl = require("node:url").pathToFileURL(__filename).href;

// Copies the compose-spec JSON Schema from the workspace's shared/compose/ into the package, where the
// build precompiles it (scripts/precompile-compose-schema.mjs), and prints the hashes that
// src/readers/compose/schema/PROVENANCE.md records. Run it when shared/compose/compose-spec.json changes;
// test/readers/schema-bundle.test.ts fails until the two copies agree.
import { createHash } from "node:crypto";
import { copyFile, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { COMPOSE_SCHEMA } from "./precompile-compose-schema.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "..", "shared", "compose", "compose-spec.json");
const target = join(root, COMPOSE_SCHEMA);

await copyFile(source, target);
const bytes = await readFile(target);
const sha256 = createHash("sha256").update(bytes).digest("hex");
const blob = createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
console.log(`copied ${source} → ${COMPOSE_SCHEMA}`);
console.log(`sha256 ${sha256}`);
console.log(`git blob ${blob}`);
console.log("update PROVENANCE.md beside it if these changed");

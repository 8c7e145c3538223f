import type { StackSpec } from "../spec/schema.js";
import type { VirtualTree } from "../tree/tree.js";
import { sha256 } from "../util/hash.js";
import { MANIFEST_PATH, type Manifest } from "./manifest.js";

/**
 * What a re-run of create no longer generates (the smoke test of a dropped service, the workflow of a CI
 * provider given up) goes away with it. A file still as generated is deleted; one its owner changed is
 * kept and named in a warning, with what to do about it. Either way the manifest forgets it, so the next
 * run does not warn again about a file that is now the user's own.
 */
export interface Pruned {
  /** The previous manifest without the files this run no longer generates. */
  previous?: Manifest;
  deleted: string[];
  warnings: string[];
}

export function pruneDropped(
  tree: VirtualTree,
  previous: Manifest | undefined,
  generated: readonly string[],
  spec: StackSpec,
): Pruned {
  if (!previous) return { previous, deleted: [], warnings: [] };
  const still = new Set([...generated, MANIFEST_PATH]);
  const files = { ...previous.files };
  const deleted: string[] = [];
  const warnings: string[] = [];
  for (const path of Object.keys(previous.files).filter((path) => !still.has(path))) {
    delete files[path];
    const current = tree.original(path);
    // Gone already, or written by this run in another role (a merged file): nothing to remove.
    if (current === undefined || tree.read(path) !== current) continue;
    if (sha256(current) === previous.files[path]) {
      tree.delete(path);
      deleted.push(path);
    } else warnings.push(keptWarning(path, droppedServices(previous.spec, spec)));
  }
  return { previous: { ...previous, files }, deleted, warnings };
}

type ServiceRef = Pick<StackSpec["services"][number], "name" | "kind">;

function droppedServices(before: StackSpec, after: StackSpec): ServiceRef[] {
  const names = new Set(after.services.map((service) => service.name));
  return before.services.filter((service) => !names.has(service.name));
}

function keptWarning(path: string, dropped: readonly ServiceRef[]): string {
  const gone = dropped.map((service) => service.name).join(", ");
  const why = dropped.length > 0 ? ` (the stack no longer has ${gone})` : "";
  const back = dropped
    .map(
      (service) =>
        `create-dagger-stack add ${service.kind}${service.name === service.kind ? "" : ` --name ${service.name}`}`,
    )
    .join("; ");
  return [
    `${path} was kept because you changed it, but this run no longer generates it${why}.`,
    "It may use what is gone, and then the type-check or the tests fail:",
    `delete it${back ? `, or bring back what it needs (${back})` : ""}.`,
  ].join(" ");
}

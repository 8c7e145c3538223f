import { readManifest } from "../../plan/manifest.js";
import { diskReader } from "../../tree/disk.js";
import { VirtualTree } from "../../tree/tree.js";
import { asObject, rawServices, serviceNames } from "../options/raw.js";
import type { RawSpec } from "../options/types.js";

/**
 * Running create again in a stack it generated starts from dagger-stack.json's answers: what the flags do
 * not change stays as it was (services, ports, name, language, matrix, CI), as `add` would keep it.
 */
export function previousAnswers(target: string): RawSpec | undefined {
  const manifest = readManifest(new VirtualTree(diskReader(target)));
  return manifest ? (structuredClone(manifest.spec) as RawSpec) : undefined;
}

/**
 * A service the flags dropped takes the references to it with it: other services stop waiting for it and
 * the testing matrix stops running against it (an axis left empty goes). Returns a note per change.
 */
export function forgetDropped(raw: RawSpec, previous: RawSpec): string[] {
  const kept = new Set(serviceNames(raw));
  const dropped = serviceNames(previous).filter((name) => !kept.has(name));
  if (dropped.length === 0) return [];
  const isDropped = (name: unknown) => dropped.includes(String(name));
  return [
    `removed ${dropped.join(", ")}: not in --services any more`,
    ...rawServices(raw).flatMap((service) => [
      ...forgetDependencies(service, isDropped),
      ...forgetReferences(service, isDropped),
    ]),
    ...forgetMatrixTargets(raw, isDropped),
    ...forgetTestEnv(raw, isDropped),
  ];
}

/** `dependsOn` entries are names or `{ service, condition }`. */
const dependencyName = (entry: unknown) =>
  typeof entry === "object" && entry !== null ? (entry as { service?: unknown }).service : entry;

/** The service an env or testEnv value refers to (`{ service, value }`), if it does. */
const referredService = (value: unknown) =>
  typeof value === "object" && value !== null && "service" in value
    ? (value as { service: unknown }).service
    : undefined;

/** Env values rebuilt from a dropped service go with it: nothing is left to rebuild them from. */
function forgetReferences(service: Record<string, unknown>, isDropped: (name: unknown) => boolean): string[] {
  const env = asObject(service.env);
  const gone = Object.keys(env).filter((name) => {
    const referred = referredService(env[name]);
    return referred !== undefined && isDropped(referred);
  });
  for (const name of gone) delete env[name];
  return gone.length > 0 ? [`${String(service.name)} no longer gets ${gone.join(", ")}`] : [];
}

function forgetTestEnv(raw: RawSpec, isDropped: (name: unknown) => boolean): string[] {
  const testEnv = asObject(raw.testEnv);
  const gone = Object.keys(testEnv).filter((name) => {
    const referred = referredService(testEnv[name]);
    return referred !== undefined && isDropped(referred);
  });
  for (const name of gone) delete testEnv[name];
  if (gone.length > 0 && Object.keys(testEnv).length === 0) delete raw.testEnv;
  return gone.length > 0 ? [`your tests no longer get ${gone.join(", ")}`] : [];
}

function forgetDependencies(
  service: Record<string, unknown>,
  isDropped: (name: unknown) => boolean,
): string[] {
  const dependsOn = Array.isArray(service.dependsOn) ? service.dependsOn : [];
  const gone = dependsOn.map(dependencyName).filter(isDropped);
  if (gone.length === 0) return [];
  service.dependsOn = dependsOn.filter((entry) => !isDropped(dependencyName(entry)));
  return [`${String(service.name)} no longer waits for ${gone.join(", ")}`];
}

function forgetMatrixTargets(raw: RawSpec, isDropped: (name: unknown) => boolean): string[] {
  const matrix = asObject(raw.matrix);
  const notes: string[] = [];
  for (const [axis, targets] of Object.entries(matrix)) {
    const list = Array.isArray(targets) ? targets : [];
    const gone = list.filter(isDropped);
    if (gone.length === 0) continue;
    const left = list.filter((target) => !isDropped(target));
    if (left.length > 0) matrix[axis] = left;
    else delete matrix[axis];
    notes.push(
      left.length > 0
        ? `the "${axis}" testing matrix no longer runs against ${gone.join(", ")}`
        : `the "${axis}" testing matrix is gone: it ran only against ${gone.join(", ")}`,
    );
  }
  return notes;
}

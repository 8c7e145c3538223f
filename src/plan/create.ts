import {
  type MergeOptions,
  mergePackageJson,
  newPackageJson,
  type PackageJsonMerge,
} from "../edit/json/package-json.js";
import type { Problem } from "../errors.js";
import type { IgnoreFile } from "../project/model.js";
import { DEFAULT_CONTEXT, type RenderContext } from "../render/context.js";
import { renderProject } from "../render/index.js";
import type { NormalizedStack } from "../spec/model.js";
import { toSpec } from "../spec/to-spec.js";
import type { VirtualTree } from "../tree/tree.js";
import { buildWarnings, type FoundPaths } from "./build-files.js";
import { joinCiPipeline } from "./ci-pipeline.js";
import { writeGitignore } from "./gitignore.js";
import { readManifest, TOOL_NAME, writeManifest } from "./manifest.js";
import type { ProjectOutput } from "./output.js";
import { pruneDropped } from "./prune.js";
import { type LockStep, writePythonProject } from "./python-project.js";
import { excludeStackFromRootTsconfig } from "./root-tsconfig.js";

/**
 * `create`: puts the generated project on the tree. Pure: everything it reads comes from the tree, and
 * nothing reaches the disk until the caller commits the tree's changes.
 */
export interface CreatePlan {
  notes: string[];
  warnings: string[];
  nextScripts: string[];
  /** Python: the project's requirements that leave the generated tests no version to run on (the CLI stops unless --force). */
  conflicts?: Problem[];
  /** Python: the lock file to bring up to date after the commit. */
  lock?: LockStep;
}

export interface CreateOptions extends MergeOptions {
  /** What the CLI found at the paths Dockerfile builds read; unchecked when absent. */
  found?: FoundPaths;
  /** The .gitignore files above the stack's folder (the project picture's): what they ignore is not repeated. */
  gitignoresAbove?: readonly IgnoreFile[];
  /**
   * Files the manifest lists that another planner of the same run owns (migrate's report and the files
   * its steps create): a re-run keeps them instead of pruning them as no longer generated.
   */
  ownedElsewhere?: readonly string[];
}

export function planCreate(
  stack: NormalizedStack,
  tree: VirtualTree,
  toolVersion: string,
  context: RenderContext = DEFAULT_CONTEXT,
  options: CreateOptions = {},
): CreatePlan {
  const previous = readManifest(tree);
  const output = renderProject(stack, context);
  for (const file of output.files) tree.write(file.path, file.content, "generated");
  joinCiPipeline(tree, stack.ci, context.layout, previous);
  const python = stack.language === "python" ? writePythonProject(tree, stack, context) : undefined;
  const pkg = output.packageJson
    ? writePackageJson(tree, stack, output, previous?.packageJson, options)
    : undefined;
  const tsconfig = output.packageJson ? excludeStackFromRootTsconfig(tree, output) : undefined;
  const markers = pkg && !pkg.isModule ? writeEsmMarkers(tree, output.esmFolders) : [];
  writeGitignore(tree, stack.language, options.gitignoresAbove);
  const generated = [...output.files.map((file) => file.path), ...markers];
  const spec = toSpec(stack);
  const pruned = pruneDropped(tree, previous, [...generated, ...(options.ownedElsewhere ?? [])], spec);
  writeManifest(
    tree,
    { tool: { name: TOOL_NAME, version: toolVersion }, spec, packageJson: pkg?.history },
    generated,
    pruned.previous,
  );
  return {
    notes: [...stack.notes, ...(pkg?.notes ?? []), ...(tsconfig?.notes ?? [])],
    warnings: [
      ...stack.warnings,
      ...(pkg?.warnings ?? []),
      ...(python?.warnings ?? []),
      ...(tsconfig?.warnings ?? []),
      ...pruned.warnings,
      ...(options.found ? buildWarnings(stack, options.found) : []),
    ],
    nextScripts: python?.nextCommands ?? output.nextScripts,
    ...(python && { conflicts: python.conflicts }),
    ...(python?.lock && { lock: python.lock }),
  };
}

function writePackageJson(
  tree: VirtualTree,
  stack: NormalizedStack,
  output: ProjectOutput,
  history: PackageJsonMerge["history"] | undefined,
  options: MergeOptions,
): PackageJsonMerge {
  const additions = output.packageJson ?? { scripts: {}, devDependencies: {} };
  const existing = tree.read("package.json");
  const merge =
    existing === undefined
      ? newPackageJson(stack.names.kebab, additions)
      : mergePackageJson(existing, additions, history, options);
  tree.write("package.json", merge.text, "merged");
  return merge;
}

/** Generated .ts files use ESM; in a CommonJS package a nested package.json makes their folders ESM. */
function writeEsmMarkers(tree: VirtualTree, folders: string[]): string[] {
  return folders.map((folder) => {
    const path = `${folder}/package.json`;
    tree.write(path, `${JSON.stringify({ type: "module" }, null, 2)}\n`, "generated");
    return path;
  });
}

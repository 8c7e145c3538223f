import {
  addExtensionToBuilder,
  builderMethod,
  type ExtensionBuildChange,
} from "../edit/python/builder-chain.js";
import { addServiceFields, replaceFieldDefault } from "../edit/python/config.js";
import { inStyleOf, type PyFile } from "../edit/python/file.js";
import {
  addMarker,
  addMatrixFixture,
  addMatrixParam,
  addUrlFixture,
  fixtureDocstring,
} from "../edit/python/fixtures-module.js";
import {
  classDocstringText,
  functionDocstring,
  functionFragment,
  markerFragment,
  matrixParamFragment,
  methodDocstring,
  methodFragment,
  moduleDocstring,
  newTests,
  registryEntryFragment,
  serviceComment,
  serviceFieldsFragment,
} from "../edit/python/fragments.js";
import { ensureFromImport } from "../edit/python/imports.js";
import type { PythonParser } from "../edit/python/parser.js";
import { refreshComments, refreshDocstring } from "../edit/python/prose.js";
import { PyEditSession } from "../edit/python/session.js";
import {
  addBuilderMethod,
  addRegistryEntry,
  addServiceName,
  addUrlMethod,
  classDocstring,
  insertIntoStartOrder,
} from "../edit/python/stack-module.js";
import { docstringOf, requireClass } from "../edit/python/syntax.js";
import {
  addMatrixTargetToTest,
  addTestFunction,
  paddingWidth,
  widenNamePadding,
} from "../edit/python/tests-module.js";
import { addDevDependencies, TomlSyntaxError } from "../edit/toml/index.js";
import { addCiSelections } from "../edit/yaml/ci-selections.js";
import { AnchorError } from "../errors.js";
import { ciPath } from "../render/ci/index.js";
import { originComments, stepComments, stepFragment } from "../render/python/chain-steps.js";
import { type DependencyTarget, installCommands } from "../render/python/ci.js";
import { renderPythonProject } from "../render/python/index.js";
import {
  builderName,
  COMMANDS,
  fieldName,
  matrixMarker,
  PY_PATHS,
  type PythonNames,
  pythonNames,
  urlFixtureName,
  urlMethodName,
} from "../render/python/names.js";
import { pythonDevDependencies, requirementLines } from "../render/python/packages.js";
import {
  isService,
  type MatrixAxis,
  type NormalizedService,
  type NormalizedStack,
  serviceByName,
} from "../spec/model.js";
import { toSpec } from "../spec/to-spec.js";
import type { VirtualTree } from "../tree/tree.js";
import type { AddPlan, MatrixGrowth, Writes } from "./add.js";
import { type BuilderModel, builderModel, type Step } from "./builder-steps.js";
import { configFields } from "./config-fields.js";
import { type Manifest, TOOL_NAME } from "./manifest.js";
import {
  dependencyTarget,
  mergeRequirements,
  PYPROJECT,
  REQUIREMENTS,
  requirementsIn,
} from "./python-project.js";

/**
 * `add` on a Python stack: the same growth as for TypeScript (plan/add.ts works out what is new and
 * validates it), applied by structured edits of the Python source, parsed with tree-sitter. Every new
 * piece is cut from what create renders for the grown stack, so add and create cannot drift apart.
 * Nothing is written until every edit has succeeded.
 */
export interface PythonGrowth {
  tree: VirtualTree;
  manifest: Manifest;
  before: NormalizedStack;
  after: NormalizedStack;
  added: string[];
  newServices: NormalizedService[];
  grownServices: [NormalizedService, NormalizedService][];
  grownMatrix: MatrixGrowth[];
  writes: Writes;
  parser: PythonParser;
  toolVersion: string;
}

export function planPythonAdd(growth: PythonGrowth): AddPlan {
  const { tree, manifest, before, after, writes } = growth;
  const target = dependencyTarget(tree);
  const session = new PyEditSession(growth.parser, (path) => writes.read(path));
  try {
    const context: EditContext = {
      writes,
      session,
      notes: [],
      names: pythonNames(after),
      before,
      after,
      rendered: filesByPath(renderPythonProject(after, target)),
      renderedBefore: filesByPath(renderPythonProject(before, target)),
    };
    for (const service of growth.newServices) addServiceCode(context, service);
    for (const [was, is] of growth.grownServices) addExtensionCode(context, was, is);
    for (const matrix of growth.grownMatrix) addMatrixCode(context, matrix);
    for (const { path, text } of session.edited()) writes.edit(path, text);
    regenerateIfPristine(context, PY_PATHS.doc);
    const dependencies = growDevDependencies(writes, target, before, after);
    writes.flush(
      {
        tool: { name: TOOL_NAME, version: growth.toolVersion },
        spec: toSpec(after),
        packageJson: manifest.packageJson,
      },
      manifest,
    );
    return {
      added: growth.added,
      notes: [...after.notes, ...context.notes],
      warnings: dependencies.warnings,
      installNeeded: dependencies.added,
      nextScripts: [...(dependencies.added ? installCommands(target) : []), `dagger run ${COMMANDS.test}`],
    };
  } finally {
    session.dispose();
  }
}

/** What create renders for a stack, by path. */
type Rendered = ReadonlyMap<string, string>;

interface EditContext {
  writes: Writes;
  session: PyEditSession;
  /** Where edits say what they left to the user. */
  notes: string[];
  names: PythonNames;
  before: NormalizedStack;
  after: NormalizedStack;
  rendered: Rendered;
  renderedBefore: Rendered;
}

function filesByPath(output: { files: { path: string; content: string }[] }): Rendered {
  return new Map(output.files.map((file) => [file.path, file.content]));
}

function renderedText(rendered: Rendered, path: string): string {
  const text = rendered.get(path);
  if (text === undefined) throw new Error(`create renders no ${path} for this stack`);
  return text;
}

/** A file create renders for the stack before or after the growth, parsed to cut pieces from. */
function renderedSource(context: EditContext, when: "before" | "after", path: string): PyFile {
  const rendered = when === "after" ? context.rendered : context.renderedBefore;
  return context.session.rendered(`${when}/${path}`, renderedText(rendered, path));
}

// --- a new service

function addServiceCode(context: EditContext, service: NormalizedService): void {
  addServiceConfig(context, service);
  addServiceToStack(context, service);
  if (isService(service)) {
    addUrlFixture(
      context.session.file(PY_PATHS.fixtures),
      urlFixtureName(service),
      functionFragment(renderedSource(context, "after", PY_PATHS.fixtures), urlFixtureName(service)),
    );
    widenUpPadding(context);
  }
  addNewFile(context, PY_PATHS.smoke(service));
}

function configFieldNames(service: NormalizedService): string[] {
  return configFields(service).map((field) => fieldName(service, field.name));
}

function addServiceConfig(context: EditContext, service: NormalizedService): void {
  const { configClass } = context.names;
  const file = context.session.file(PY_PATHS.config);
  const names = configFieldNames(service);
  const fragment = serviceFieldsFragment(
    renderedSource(context, "after", PY_PATHS.config),
    configClass,
    names,
  );
  addServiceFields(file, configClass, names, fragment);
  const doc = (when: "before" | "after") =>
    classDocstringText(renderedSource(context, when, PY_PATHS.config), configClass);
  refreshDocstring(file, classDocstring(file, configClass), { previous: doc("before"), next: doc("after") });
}

function addServiceToStack(context: EditContext, service: NormalizedService): void {
  const { stackClass } = context.names;
  const file = context.session.file(PY_PATHS.stack);
  const source = renderedSource(context, "after", PY_PATHS.stack);
  const builder = builderName(service);
  addBuilderMethod(file, stackClass, builder, methodFragment(source, stackClass, builder));
  if (!isService(service)) return;
  const urlMethod = methodFragment(source, stackClass, urlMethodName(service));
  if (urlMethod.includes("quote(")) ensureFromImport(file, "urllib.parse", "quote");
  addServiceName(file, service.name);
  const dependencies = service.dependsOn.map((name) => serviceByName(context.after, name).name);
  insertIntoStartOrder(file, service.name, dependencies);
  addRegistryEntry(file, stackClass, service.name, registryEntryFragment(source, stackClass, service.name));
  addUrlMethod(file, stackClass, urlMethodName(service), urlMethod);
}

function widenUpPadding(context: EditContext): void {
  const file = context.session.fileIfPresent(PY_PATHS.up);
  const width = paddingWidth(renderedSource(context, "after", PY_PATHS.up));
  if (file && width !== undefined) widenNamePadding(file, width);
}

// --- an extension on an existing service

interface ModelChange {
  was: BuilderModel;
  is: BuilderModel;
}

function addExtensionCode(context: EditContext, was: NormalizedService, is: NormalizedService): void {
  const models = { was: builderModel(context.before, was), is: builderModel(context.after, is) };
  const { session, names, notes } = context;
  const stack = session.file(PY_PATHS.stack);
  notes.push(
    ...addExtensionToBuilder(stack, names.stackClass, builderName(is), buildChange(context, models)),
  );
  refreshServiceProse(context, is, models);
  switchImage(context, was, is);
  addExtensionTests(context, is);
}

function buildChange({ before, after }: EditContext, { was, is }: ModelChange): ExtensionBuildChange {
  const [wasApt, isApt] = [stepOf(was, "aptInstall"), stepOf(is, "aptInstall")];
  const [wasArgs, isArgs] = [stepOf(was, "args"), stepOf(is, "args")];
  const provided = aptPackagesOf(was).filter((name) => !aptPackagesOf(is).includes(name));
  const argsChanged = isArgs !== undefined && JSON.stringify(isArgs.args) !== JSON.stringify(wasArgs?.args);
  const argsLines = isArgs ? stepFragment(after, is, isArgs) : [];
  return {
    aptPackages: aptPackagesOf(is).filter((name) => !aptPackagesOf(was).includes(name)),
    aptInstallLines: isApt ? stepFragment(after, is, isApt).join("\n") : "",
    providedPackages:
      wasApt && provided.length > 0
        ? {
            packages: provided,
            previousLines: stepFragment(before, was, wasApt).join("\n"),
            noneLeft: isApt === undefined,
          }
        : undefined,
    serverArgs: argsChanged
      ? {
          previous: wasArgs?.args ?? [],
          next: isArgs.args,
          call: argsLines.filter((line) => !line.startsWith("#")).join("\n"),
          lines: argsLines.join("\n"),
        }
      : undefined,
  };
}

function stepOf<Op extends Step["op"]>(model: BuilderModel, op: Op): Extract<Step, { op: Op }> | undefined {
  return model.steps.find((step): step is Extract<Step, { op: Op }> => step.op === op);
}

function aptPackagesOf(model: BuilderModel): string[] {
  return stepOf(model, "aptInstall")?.packages ?? [];
}

/** The prose that names a service's extensions: its summary comment in config.py, its builder's docstring and comments. */
function refreshServiceProse(context: EditContext, service: NormalizedService, models: ModelChange): void {
  refreshConfigComment(context, service);
  refreshBuilderDocstring(context, builderName(service));
  refreshChainComments(context, builderName(service), models);
}

function refreshConfigComment(context: EditContext, service: NormalizedService): void {
  const { configClass } = context.names;
  const file = context.session.file(PY_PATHS.config);
  const fields = configFieldNames(service);
  const comment = (when: "before" | "after") =>
    serviceComment(renderedSource(context, when, PY_PATHS.config), configClass, fields);
  refreshComments(file, requireClass(file, configClass).body, {
    previous: comment("before"),
    next: comment("after"),
  });
}

function refreshBuilderDocstring(context: EditContext, builder: string): void {
  const { stackClass } = context.names;
  const file = context.session.file(PY_PATHS.stack);
  const doc = (when: "before" | "after") =>
    methodDocstring(renderedSource(context, when, PY_PATHS.stack), stackClass, builder);
  refreshDocstring(file, docstringOf(builderMethod(file, stackClass, builder)), {
    previous: doc("before"),
    next: doc("after"),
  });
}

/** The origin's comment (pg_search brings its own image) and the apt step's, which lists the extensions. */
function refreshChainComments(
  { session, names, before, after }: EditContext,
  builder: string,
  { was, is }: ModelChange,
): void {
  const file = session.file(PY_PATHS.stack);
  const changes = [{ previous: originComments(before, was), next: originComments(after, is) }];
  const [wasApt, isApt] = [stepOf(was, "aptInstall"), stepOf(is, "aptInstall")];
  if (wasApt && isApt) {
    changes.push({ previous: stepComments(before, was, wasApt), next: stepComments(after, is, isApt) });
  }
  for (const change of changes) refreshComments(file, builderMethod(file, names.stackClass, builder), change);
}

/** pg_search comes as a ready image: the default image moves, unless the user chose their own. */
function switchImage(
  { session, names, notes }: EditContext,
  was: NormalizedService,
  is: NormalizedService,
): void {
  if (was.image === undefined || is.image === undefined || was.image === is.image) return;
  const outcome = replaceFieldDefault(
    session.file(PY_PATHS.config),
    names.configClass,
    fieldName(is, "image"),
    {
      previous: was.image,
      value: is.image,
    },
  );
  if (outcome === "kept-yours") {
    notes.push(
      `${PY_PATHS.config}: kept your ${is.name} image; its extensions need ${is.image} or an image built like it`,
    );
  }
}

function addExtensionTests(context: EditContext, service: NormalizedService): void {
  const path = PY_PATHS.smoke(service);
  const file = context.session.fileIfPresent(path);
  if (!file) {
    context.notes.push(`${path} is gone, so the new ${service.name} extensions have no smoke test`);
    return;
  }
  const [was, is] = [renderedSource(context, "before", path), renderedSource(context, "after", path)];
  refreshDocstring(file, docstringOf(file.root), {
    previous: moduleDocstring(was),
    next: moduleDocstring(is),
  });
  for (const test of newTests(was, is)) addTestFunction(file, test.name, test.fragment);
}

// --- the testing matrix

function addMatrixCode(context: EditContext, growth: MatrixGrowth): void {
  const { axis, targets } = growth;
  addMarkers(context, axis, targets);
  if (growth.isNewAxis) addMatrixAxis(context, axis);
  else addTargetsToMatrix(context, growth);
  addCiMatrix(context, axis, targets);
}

/** Each new entry's marker goes after the last marker of its axis, as create lists them. */
function addMarkers(context: EditContext, axis: MatrixAxis, targets: readonly string[]): void {
  const fixtures = context.session.file(PY_PATHS.fixtures);
  const source = renderedSource(context, "after", PY_PATHS.fixtures);
  const existing = axis.targets.filter((target) => !targets.includes(target));
  let previous = existing.at(-1);
  for (const target of targets) {
    const marker = matrixMarker(axis, target);
    const after = previous === undefined ? undefined : matrixMarker(axis, previous);
    addMarker(fixtures, marker, markerFragment(source, marker), after);
    previous = target;
  }
}

function addMatrixAxis(context: EditContext, axis: MatrixAxis): void {
  const source = renderedSource(context, "after", PY_PATHS.fixtures);
  addMatrixFixture(context.session.file(PY_PATHS.fixtures), axis.name, functionFragment(source, axis.name));
  addNewFile(context, PY_PATHS.matrix(axis));
}

/** The axis's fixture gets the params and its doc the targets; the pristine test is rendered again, an edited one edited. */
function addTargetsToMatrix(context: EditContext, { axis, targets }: MatrixGrowth): void {
  const fixtures = context.session.file(PY_PATHS.fixtures);
  const source = renderedSource(context, "after", PY_PATHS.fixtures);
  for (const target of targets) {
    addMatrixParam(fixtures, axis.name, target, matrixParamFragment(source, axis.name, target));
  }
  const doc = (when: "before" | "after") =>
    functionDocstring(renderedSource(context, when, PY_PATHS.fixtures), axis.name);
  refreshDocstring(fixtures, fixtureDocstring(fixtures, axis.name), {
    previous: doc("before"),
    next: doc("after"),
  });
  const path = PY_PATHS.matrix(axis);
  if (context.writes.isPristine(path)) {
    context.writes.create(path, renderedText(context.rendered, path));
    return;
  }
  const file = context.session.fileIfPresent(path);
  if (!file) return;
  const [was, is] = [renderedSource(context, "before", path), renderedSource(context, "after", path)];
  refreshDocstring(file, docstringOf(file.root), {
    previous: moduleDocstring(was),
    next: moduleDocstring(is),
  });
  const found = targets.every((target) =>
    addMatrixTargetToTest(file, axis.name, serviceByName(context.after, target).name),
  );
  if (!found) {
    context.notes.push(
      `${path}: found no \`assert ${axis.name}.name in (...)\` to add ${targets.join(", ")} to`,
    );
  }
}

function addCiMatrix(
  { writes, after, notes }: EditContext,
  axis: MatrixAxis,
  targets: readonly string[],
): void {
  const path = ciPath(after.ci);
  if (after.ci === "none" || path === undefined) return;
  const selections = targets.map((target) => ({ axis: axis.name, value: matrixMarker(axis, target) }));
  const text = writes.read(path);
  if (text === undefined) {
    notes.push(
      `${path} is gone: run the ${selections.map((selection) => selection.value).join(", ")} tests in your CI`,
    );
    return;
  }
  writes.edit(path, addCiSelections(text, after.ci, path, selections));
}

// --- whole files

/** A file create would add for the grown stack, written like the project's fixtures; one already there stays. */
function addNewFile({ writes, rendered, notes, session }: EditContext, path: string): void {
  if (writes.read(path) !== undefined) {
    notes.push(`${path} already exists: kept yours`);
    return;
  }
  const model = session.fileIfPresent(PY_PATHS.fixtures);
  const text = renderedText(rendered, path);
  writes.create(path, model ? inStyleOf(model, text) : text);
}

/** A file the tool rewrites whole (docs) is rewritten only while it is as generated. */
function regenerateIfPristine({ writes, rendered, renderedBefore, notes }: EditContext, path: string): void {
  const text = rendered.get(path);
  if (text === undefined || writes.read(path) === undefined || text === renderedBefore.get(path)) return;
  if (writes.isPristine(path)) writes.create(path, text);
  else notes.push(`${path} has your edits, so it was not regenerated and does not describe this change yet`);
}

// --- dev dependencies

/**
 * The test clients the new services need, where the project keeps its dev dependencies (as create put
 * them): only what the stack did not need before, so a pin the user removed stays removed.
 */
function growDevDependencies(
  writes: Writes,
  target: DependencyTarget,
  before: NormalizedStack,
  after: NormalizedStack,
): { added: boolean; warnings: string[] } {
  const had = pythonDevDependencies(before);
  const missing = Object.fromEntries(
    Object.entries(pythonDevDependencies(after)).filter(([name]) => !(name in had)),
  );
  if (Object.keys(missing).length === 0) return { added: false, warnings: [] };
  const path = target.kind === "requirements" ? target.file : PYPROJECT;
  try {
    const merge = withDevDependencies(writes, target, missing);
    const added = merge.text !== writes.read(path);
    if (added) writes.edit(path, merge.text);
    return { added, warnings: merge.kept.map((requirement) => `${path}: kept your "${requirement}"`) };
  } catch (error) {
    if (!(error instanceof TomlSyntaxError || error instanceof AnchorError)) throw error;
    const lines = requirementLines(missing).join(", ");
    return {
      added: false,
      warnings: [`${path}: not edited (${error.message}); add these dev dependencies by hand: ${lines}`],
    };
  }
}

/** The dependency file's text with the pins appended, as create appends them. */
function withDevDependencies(
  writes: Writes,
  target: DependencyTarget,
  dependencies: Record<string, string>,
): { text: string; kept: string[] } {
  if (target.kind !== "requirements") {
    return addDevDependencies(writes.read(PYPROJECT) ?? "", target, dependencies);
  }
  const base = writes.read(REQUIREMENTS);
  return mergeRequirements(
    writes.read(target.file),
    dependencies,
    requirementsIn(base ?? ""),
    base !== undefined,
  );
}

import { mergePackageJson, newPackageJson } from "../edit/json/package-json.js";
import type { PythonParser } from "../edit/python/parser.js";
import { memberName, requireInterface } from "../edit/typescript/anchors.js";
import { addExtensionToBuilder, type ExtensionBuildChange } from "../edit/typescript/builder-chain.js";
import {
  addServiceDefaults,
  addServiceToConfigType,
  replaceServiceDefault,
  servicesType,
} from "../edit/typescript/config.js";
import { inStyleOf, type TsFile } from "../edit/typescript/file.js";
import {
  aliasFragment,
  configDefaultsFragment,
  configTypeDoc,
  configTypeFragment,
  describeTitle,
  fixtureFragments,
  fixtureTypeDoc,
  methodDoc,
  methodFragment,
  newSmokeTests,
  registryFragment,
  vitestProjectFragment,
} from "../edit/typescript/fragments.js";
import { dropNamedImportIfUnused, ensureNamedImport } from "../edit/typescript/imports.js";
import { refreshDescribeTitle, refreshDocComment, refreshLineComments } from "../edit/typescript/prose.js";
import { TsEditSession } from "../edit/typescript/session.js";
import {
  addAlias,
  addBuilderMethod,
  addRegistryEntry,
  addUrlMethod,
  insertIntoStartOrder,
} from "../edit/typescript/stack-class.js";
import {
  addExtensionSmokeTest,
  addMatrixFixture,
  addMatrixProjects,
  addMatrixTargetToTest,
  FIXTURES_INTERFACE,
} from "../edit/typescript/tests.js";
import { namePaddingLiteral, widenNamePadding } from "../edit/typescript/up-script.js";
import { addCiSelections } from "../edit/yaml/ci-selections.js";
import { UsageError } from "../errors.js";
import { ciPath } from "../render/ci/index.js";
import type { RenderContext } from "../render/context.js";
import { tsString } from "../render/escape.js";
import { renderProject } from "../render/index.js";
import { usesCacheSharing } from "../render/typescript/chain.js";
import { originLines, stepLines } from "../render/typescript/fragments.js";
import { PATHS, SCRIPTS, type TypeScriptNames, typeScriptNames } from "../render/typescript/names.js";
import { builderName } from "../render/typescript/stack-view.js";
import { matrixSelection } from "../render/typescript/tests-view.js";
import { findExtension } from "../spec/catalog/extensions.js";
import { loadStack } from "../spec/load.js";
import {
  isService,
  type MatrixAxis,
  type NormalizedService,
  type NormalizedStack,
  serviceByName,
} from "../spec/model.js";
import type { StackSpec, StackSpecInput } from "../spec/schema.js";
import { toSpec } from "../spec/to-spec.js";
import type { VirtualTree, WriteMode } from "../tree/tree.js";
import { choicesHint } from "../util/did-you-mean.js";
import { sha256 } from "../util/hash.js";
import { planPythonAdd } from "./add-python.js";
import { type BuilderModel, builderModel, type Step } from "./builder-steps.js";
import { MANIFEST_PATH, type Manifest, readManifest, TOOL_NAME, writeManifest } from "./manifest.js";
import type { ProjectOutput } from "./output.js";

/**
 * `add`: grows a generated stack by editing its code in place, keeping what its owners wrote. The grown
 * spec (the manifest's spec plus the request) goes through loadStack(), so bad input fails exactly as
 * in `create`. Every new piece of code is cut from what create renders for the grown stack. Pure: all
 * reads go through the tree, and the tree is written only once every edit has succeeded.
 */
type ServiceInput = StackSpecInput["services"][number];

const DAGGER_SDK = "@dagger.io/dagger";

export type AddRequest =
  /** `add <kind> [--name] [--version] [--port] [--extension ...] [--depends-on ...] [--matrix <axis>]`; name defaults to kind. */
  | { type: "service"; service: Omit<ServiceInput, "name"> & { name?: string }; matrix?: string }
  /** `add extension <service> <extension>`. */
  | { type: "extension"; service: string; extension: string };

export interface AddPlan {
  /** What this run added, e.g. "service redis (redis)"; empty when everything asked for was already there. */
  added: string[];
  notes: string[];
  warnings: string[];
  /** package.json gained dependencies: the package manager should install them. */
  installNeeded: boolean;
  nextScripts: string[];
}

/** What planning needs besides the tree: Python's parser for a Python stack (loaded asynchronously, once), and
 * the facts about the project create rendered with (its package manager), so add renders the same. */
export interface AddParsers {
  python?: PythonParser;
  context?: RenderContext;
}

export function planAdd(
  request: AddRequest,
  tree: VirtualTree,
  toolVersion: string,
  parsers: AddParsers = {},
): AddPlan {
  const manifest = requireManifest(tree);
  const before = loadStack(manifest.spec, MANIFEST_PATH);
  const growth = growSpec(manifest.spec, request);
  if (growth.added.length === 0) {
    return {
      added: [],
      notes: [`already there: ${growth.present.join(", ")}; nothing to change`],
      warnings: [],
      installNeeded: false,
      nextScripts: [],
    };
  }
  const after = loadStack(growth.spec, "add");
  if (after.language === "python") {
    return planPython(tree, manifest, { before, after, added: growth.added }, toolVersion, parsers);
  }
  const output = renderProject(after, parsers.context);
  const writes = new Writes(tree, manifest);
  const notes = editProject(writes, before, after, output, parsers.context);
  const pkg = growPackageJson(writes, after, output, manifest);
  writes.flush(
    {
      tool: { name: TOOL_NAME, version: toolVersion },
      spec: toSpec(after),
      packageJson: pkg?.history ?? manifest.packageJson,
    },
    manifest,
  );
  return {
    added: growth.added,
    notes: [...after.notes, ...notes],
    warnings: pkg?.warnings ?? [],
    installNeeded: pkg?.installNeeded ?? false,
    nextScripts: [SCRIPTS.typecheck, SCRIPTS.test],
  };
}

function requireManifest(tree: VirtualTree): Manifest {
  const manifest = readManifest(tree);
  if (manifest) return manifest;
  throw new UsageError({
    path: MANIFEST_PATH,
    message: "not found (or not a create-dagger-stack manifest) in this folder",
    hint: "run create-dagger-stack first, then add services to the stack it generates",
  });
}

function planPython(
  tree: VirtualTree,
  manifest: Manifest,
  { before, after, added }: { before: NormalizedStack; after: NormalizedStack; added: string[] },
  toolVersion: string,
  { python }: AddParsers,
): AddPlan {
  if (!python)
    throw new Error("planAdd needs the Python parser for a Python stack: pass loadPythonParser()'s");
  return planPythonAdd({
    tree,
    manifest,
    before,
    after,
    added,
    newServices: newServices(before, after),
    grownServices: grownServices(before, after),
    grownMatrix: grownMatrix(before, after),
    writes: new Writes(tree, manifest),
    parser: python,
    toolVersion,
  });
}

// ---------------------------------------------------------------------------------------------------
// The grown spec

interface Growth {
  spec: StackSpecInput;
  added: string[];
  /** What the request asked for that the stack already has. */
  present: string[];
}

function growSpec(spec: StackSpec, request: AddRequest): Growth {
  return request.type === "service" ? growWithService(spec, request) : growWithExtension(spec, request);
}

function growWithService(spec: StackSpec, request: Extract<AddRequest, { type: "service" }>): Growth {
  const service: ServiceInput = { ...request.service, name: request.service.name ?? request.service.kind };
  const present = describesExistingService(spec, service);
  const growth: Growth = {
    spec: present ? { ...spec } : { ...spec, services: [...spec.services, service] },
    added: present ? [] : [`service ${service.name} (${service.kind})`],
    present: present ? [`service ${service.name}`] : [],
  };
  return request.matrix ? withMatrixTarget(growth, request.matrix, service.name) : growth;
}

/**
 * Whether the stack already has the service the request describes: put in place of the service of that
 * name, it normalises to the same thing (so `build: ./worker` matches the `{ context, dockerfile }`
 * the manifest recorded). Anything else under that name is a name clash for loadStack() to report.
 */
function describesExistingService(spec: StackSpec, input: ServiceInput): boolean {
  const index = spec.services.findIndex((service) => service.name === input.name);
  if (index === -1) return false;
  const replaced = {
    ...spec,
    services: spec.services.map((service, at) => (at === index ? input : service)),
  };
  try {
    const [existing, requested] = [spec, replaced].map(
      (candidate) => toSpec(loadStack(candidate)).services[index],
    );
    return JSON.stringify(existing) === JSON.stringify(requested);
  } catch (error) {
    if (error instanceof UsageError) return false;
    throw error;
  }
}

function withMatrixTarget(growth: Growth, axis: string, target: string): Growth {
  const matrix = growth.spec.matrix ?? {};
  const targets = matrix[axis] ?? [];
  if (targets.includes(target)) {
    return { ...growth, present: [...growth.present, `${target} in matrix.${axis}`] };
  }
  return {
    spec: { ...growth.spec, matrix: { ...matrix, [axis]: [...targets, target] } },
    added: [...growth.added, `${target} in the testing matrix ${axis}`],
    present: growth.present,
  };
}

function growWithExtension(spec: StackSpec, request: Extract<AddRequest, { type: "extension" }>): Growth {
  const index = spec.services.findIndex((service) => service.name === request.service);
  const target = spec.services[index];
  if (!target) {
    const names = spec.services.map((service) => service.name);
    throw new UsageError({
      path: "<service>",
      message: `no service named "${request.service}"`,
      hint: choicesHint(request.service, names),
    });
  }
  const id = findExtension(request.extension)?.id ?? request.extension;
  if (target.extensions?.includes(id)) {
    return { spec: { ...spec }, added: [], present: [`${id} on ${target.name}`] };
  }
  const services = spec.services.map((service, at) =>
    at === index ? { ...service, extensions: [...(service.extensions ?? []), id] } : service,
  );
  return { spec: { ...spec, services }, added: [`extension ${id} on ${target.name}`], present: [] };
}

// ---------------------------------------------------------------------------------------------------
// Edits

/** What create renders for a stack, by path. */
type Rendered = ReadonlyMap<string, string>;

interface EditContext {
  writes: Writes;
  /** Where edits say what they left to the user. */
  notes: string[];
  session: TsEditSession;
  names: TypeScriptNames;
  before: NormalizedStack;
  after: NormalizedStack;
  rendered: Rendered;
  renderedBefore: Rendered;
}

/** Applies the edits the grown stack needs; returns notes on what was left to the user. */
function editProject(
  writes: Writes,
  before: NormalizedStack,
  after: NormalizedStack,
  output: ProjectOutput,
  renderContext?: RenderContext,
): string[] {
  const context: EditContext = {
    writes,
    notes: [],
    session: new TsEditSession((path) => writes.read(path)),
    names: typeScriptNames(after),
    before,
    after,
    rendered: filesByPath(output),
    renderedBefore: filesByPath(renderProject(before, renderContext)),
  };
  for (const service of newServices(before, after)) addServiceCode(context, service);
  for (const [was, is] of grownServices(before, after)) addExtensionCode(context, was, is);
  for (const growth of grownMatrix(before, after)) addMatrixCode(context, growth);
  for (const { path, text } of context.session.edited()) writes.edit(path, text);
  regenerateIfPristine(context, PATHS.doc);
  return context.notes;
}

function filesByPath(output: ProjectOutput): Rendered {
  return new Map(output.files.map((file) => [file.path, file.content]));
}

function renderedText(rendered: Rendered, path: string): string {
  const text = rendered.get(path);
  if (text === undefined) throw new Error(`create renders no ${path} for this stack`);
  return text;
}

function newServices(before: NormalizedStack, after: NormalizedStack): NormalizedService[] {
  return after.services.filter((service) => !before.services.some((old) => old.name === service.name));
}

function grownServices(
  before: NormalizedStack,
  after: NormalizedStack,
): [NormalizedService, NormalizedService][] {
  return before.services.flatMap((was): [NormalizedService, NormalizedService][] => {
    const is = serviceByName(after, was.name);
    return is.extensions.length > was.extensions.length ? [[was, is]] : [];
  });
}

export interface MatrixGrowth {
  axis: MatrixAxis;
  targets: string[];
  isNewAxis: boolean;
}

function grownMatrix(before: NormalizedStack, after: NormalizedStack): MatrixGrowth[] {
  return after.matrix.flatMap((axis): MatrixGrowth[] => {
    const old = before.matrix.find((candidate) => candidate.name === axis.name);
    const targets = axis.targets.filter((target) => !old?.targets.includes(target));
    return targets.length > 0 ? [{ axis, targets, isNewAxis: old === undefined }] : [];
  });
}

/** A file create renders for the stack before or after the growth, parsed to cut pieces from. */
function renderedSource(
  { session, rendered, renderedBefore }: EditContext,
  when: "before" | "after",
  path: string,
): TsFile {
  return session.rendered(
    `${when}/${path}`,
    renderedText(when === "after" ? rendered : renderedBefore, path),
  );
}

// --- a new service

function addServiceCode(context: EditContext, service: NormalizedService): void {
  addServiceConfig(context, service.names.camel);
  addServiceToStack(context, service);
  widenUpPadding(context);
  addNewFile(context, PATHS.smoke(service.name));
}

function addServiceConfig(context: EditContext, key: string): void {
  const { configType, configFactory } = context.names;
  const file = context.session.file(PATHS.config);
  const source = renderedSource(context, "after", PATHS.config);
  addServiceToConfigType(file, configType, key, configTypeFragment(source, configType, key));
  addServiceDefaults(file, configFactory, key, configDefaultsFragment(source, configFactory, key));
}

function addServiceToStack(context: EditContext, service: NormalizedService): void {
  const { stackClass } = context.names;
  const file = context.session.file(PATHS.stack);
  const source = renderedSource(context, "after", PATHS.stack);
  const builder = builderName(service);
  if (usesCacheSharing([builderModel(context.after, service)])) {
    ensureNamedImport(file, DAGGER_SDK, "CacheSharingMode");
  }
  addBuilderMethod(file, stackClass, builder, methodFragment(source, stackClass, builder));
  if (!isService(service)) return;
  const key = service.names.camel;
  const dependencies = service.dependsOn.map((name) => serviceByName(context.after, name).names.camel);
  insertIntoStartOrder(file, key, dependencies);
  addRegistryEntry(file, stackClass, key, registryFragment(source, stackClass, key));
  addUrlMethod(file, stackClass, `${key}Url`, methodFragment(source, stackClass, `${key}Url`));
  addAlias(file, key, aliasFragment(source, key));
}

function widenUpPadding(context: EditContext): void {
  const file = context.session.fileIfPresent(PATHS.up);
  const width = namePaddingLiteral(renderedSource(context, "after", PATHS.up));
  if (file && width !== undefined) widenNamePadding(file, width);
}

// --- an extension on an existing service

function addExtensionCode(context: EditContext, was: NormalizedService, is: NormalizedService): void {
  const models = { was: builderModel(context.before, was), is: builderModel(context.after, is) };
  addExtensionToStack(context, is, models);
  refreshServiceProse(context, is, models);
  switchImage(context, was, is);
  addExtensionTests(context, is);
}

interface ModelChange {
  was: BuilderModel;
  is: BuilderModel;
}

function addExtensionToStack(
  { session, names, notes }: EditContext,
  service: NormalizedService,
  models: ModelChange,
): void {
  const file = session.file(PATHS.stack);
  const change = buildChange(models);
  if (change.aptPackages.length > 0) ensureNamedImport(file, DAGGER_SDK, "CacheSharingMode");
  notes.push(...addExtensionToBuilder(file, names.stackClass, builderName(service), change));
  if (change.providedPackages?.noneLeft) dropNamedImportIfUnused(file, DAGGER_SDK, "CacheSharingMode");
}

function buildChange({ was, is }: ModelChange): ExtensionBuildChange {
  const [wasApt, isApt] = [stepOf(was, "aptInstall"), stepOf(is, "aptInstall")];
  const [wasArgs, isArgs] = [stepOf(was, "args"), stepOf(is, "args")];
  const provided = aptPackagesOf(was).filter((name) => !aptPackagesOf(is).includes(name));
  const argsChanged = isArgs !== undefined && JSON.stringify(isArgs.args) !== JSON.stringify(wasArgs?.args);
  return {
    aptPackages: aptPackagesOf(is).filter((name) => !aptPackagesOf(was).includes(name)),
    aptInstallLines: isApt ? stepLines(is, isApt) : [],
    providedPackages:
      wasApt && provided.length > 0
        ? { packages: provided, previousLines: stepLines(was, wasApt), noneLeft: isApt === undefined }
        : undefined,
    serverArgs: argsChanged
      ? { previous: wasArgs?.args ?? [], next: isArgs.args, lines: stepLines(is, isArgs) }
      : undefined,
  };
}

function stepOf<Op extends Step["op"]>(model: BuilderModel, op: Op): Extract<Step, { op: Op }> | undefined {
  return model.steps.find((step): step is Extract<Step, { op: Op }> => step.op === op);
}

function aptPackagesOf(model: BuilderModel): string[] {
  return stepOf(model, "aptInstall")?.packages ?? [];
}

/** The summaries that name a service's extensions: config doc, builder doc and comments, smoke title. */
function refreshServiceProse(context: EditContext, service: NormalizedService, models: ModelChange): void {
  refreshConfigDoc(context, service.names.camel);
  refreshBuilderDoc(context, builderName(service));
  refreshChainComments(context, builderName(service), models);
}

function refreshConfigDoc(context: EditContext, key: string): void {
  const { configType } = context.names;
  const doc = (when: "before" | "after") =>
    configTypeDoc(renderedSource(context, when, PATHS.config), configType, key);
  const file = context.session.file(PATHS.config);
  const member = servicesType(file, configType)
    .getMembers()
    .find((node) => memberName(node) === key);
  if (member) refreshDocComment(file, member, { previous: doc("before"), next: doc("after") });
}

function refreshBuilderDoc(context: EditContext, builder: string): void {
  const { stackClass } = context.names;
  const doc = (when: "before" | "after") =>
    methodDoc(renderedSource(context, when, PATHS.stack), stackClass, builder);
  const file = context.session.file(PATHS.stack);
  const method = file.source.getClass(stackClass)?.getMethod(builder);
  if (method) refreshDocComment(file, method, { previous: doc("before"), next: doc("after") });
}

function refreshChainComments(
  { session, names }: EditContext,
  builder: string,
  { was, is }: ModelChange,
): void {
  const comments = (lines: readonly string[]) => lines.filter((line) => line.startsWith("//"));
  const wasApt = stepOf(was, "aptInstall");
  const isApt = stepOf(is, "aptInstall");
  const changes = [{ previous: comments(originLines(was)), next: comments(originLines(is)) }];
  if (wasApt && isApt) {
    changes.push({ previous: comments(stepLines(was, wasApt)), next: comments(stepLines(is, isApt)) });
  }
  for (const change of changes) {
    const file = session.file(PATHS.stack);
    const method = file.source.getClass(names.stackClass)?.getMethod(builder);
    if (method) refreshLineComments(file, method, change);
  }
}

/** pg_search comes as a ready image: the default image moves, unless the user chose their own. */
function switchImage(
  { session, names, notes }: EditContext,
  was: NormalizedService,
  is: NormalizedService,
): void {
  if (was.image === undefined || is.image === undefined || was.image === is.image) return;
  const outcome = replaceServiceDefault(
    session.file(PATHS.config),
    names.configFactory,
    { key: is.names.camel, field: "image" },
    { previous: was.image, value: is.image, literal: tsString(is.image) },
  );
  if (outcome === "kept-yours") {
    notes.push(
      `${PATHS.config}: kept your ${is.name} image; its extensions need ${is.image} or an image built like it`,
    );
  }
}

function addExtensionTests(context: EditContext, service: NormalizedService): void {
  const path = PATHS.smoke(service.name);
  const file = context.session.fileIfPresent(path);
  if (!file) {
    context.notes.push(`${path} is gone, so the new ${service.name} extensions have no smoke test`);
    return;
  }
  const [was, is] = [renderedSource(context, "before", path), renderedSource(context, "after", path)];
  refreshDescribeTitle(file, { previous: describeTitle(was), next: describeTitle(is) });
  for (const test of newSmokeTests(was, is)) addExtensionSmokeTest(file, test.name, test.fragment);
}

// --- the testing matrix

function addMatrixCode(context: EditContext, growth: MatrixGrowth): void {
  const { axis, targets } = growth;
  const vitest = renderedSource(context, "after", PATHS.vitestConfig);
  const projects = targets.map((target) => {
    const name = matrixSelection(axis, target);
    return { name, fragment: vitestProjectFragment(vitest, name) };
  });
  addMatrixProjects(context.session.file(PATHS.vitestConfig), axis.name, projects);
  addCiMatrix(context, axis, targets);
  if (growth.isNewAxis) addMatrixAxis(context, axis);
  else addTargetsToMatrixTest(context, growth);
}

function addMatrixAxis(context: EditContext, axis: MatrixAxis): void {
  const fixtures = renderedSource(context, "after", PATHS.fixtures);
  addMatrixFixture(
    context.session.file(PATHS.fixtures),
    axis.names.camel,
    fixtureFragments(fixtures, axis.names.camel),
  );
  addNewFile(context, PATHS.matrix(axis.name));
}

/** The axis's fixture doc and test list its targets: the pristine test is rendered again, an edited one edited. */
function addTargetsToMatrixTest(context: EditContext, { axis, targets }: MatrixGrowth): void {
  const fixture = axis.names.camel;
  const fixtures = context.session.file(PATHS.fixtures);
  const member = requireInterface(fixtures, FIXTURES_INTERFACE)
    .getMembers()
    .find((node) => memberName(node) === fixture);
  const doc = (when: "before" | "after") =>
    fixtureTypeDoc(renderedSource(context, when, PATHS.fixtures), fixture);
  if (member) refreshDocComment(fixtures, member, { previous: doc("before"), next: doc("after") });
  const path = PATHS.matrix(axis.name);
  if (context.writes.isPristine(path)) {
    context.writes.create(path, renderedText(context.rendered, path));
    return;
  }
  const file = context.session.fileIfPresent(path);
  const keys = targets.map((target) => serviceByName(context.after, target).names.camel);
  const found = file !== undefined && keys.every((key) => addMatrixTargetToTest(file, fixture, key));
  if (!found) {
    context.notes.push(
      `${path}: found no \`expect([...]).toContain(${fixture}.name)\` to add ${targets.join(", ")} to`,
    );
  }
}

function addCiMatrix({ writes, after, notes }: EditContext, axis: MatrixAxis, targets: string[]): void {
  const path = ciPath(after.ci);
  if (after.ci === "none" || path === undefined) return;
  const selections = targets.map((target) => ({ axis: axis.name, value: matrixSelection(axis, target) }));
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

/**
 * A file create would add for the grown stack, written like the project's other tests (fixtures.ts is
 * the model); one the user already has at that path stays theirs.
 */
function addNewFile({ writes, rendered, notes, session }: EditContext, path: string): void {
  if (writes.read(path) !== undefined) {
    notes.push(`${path} already exists: kept yours`);
    return;
  }
  const model = session.fileIfPresent(PATHS.fixtures);
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

interface PackageJsonGrowth {
  history: NonNullable<Manifest["packageJson"]>;
  warnings: string[];
  installNeeded: boolean;
}

function growPackageJson(
  writes: Writes,
  after: NormalizedStack,
  output: ProjectOutput,
  manifest: Manifest,
): PackageJsonGrowth | undefined {
  const additions = output.packageJson;
  if (!additions) return undefined;
  const existing = writes.read("package.json");
  const merge =
    existing === undefined
      ? newPackageJson(after.names.kebab, additions)
      : mergePackageJson(existing, additions, manifest.packageJson);
  writes.edit("package.json", merge.text);
  const installed = new Set(manifest.packageJson?.devDependencies ?? []);
  return {
    history: merge.history,
    warnings: merge.warnings,
    installNeeded: merge.history.devDependencies.some((name) => !installed.has(name)),
  };
}

/**
 * The writes of one run, held back until every edit has succeeded: an AnchorError halfway leaves the
 * tree as it was. Hashes in the manifest move only for files that were pristine before this run.
 */
export class Writes {
  private readonly pending = new Map<string, { content: string; mode: WriteMode }>();

  constructor(
    private readonly tree: VirtualTree,
    private readonly manifest: Manifest,
  ) {}

  read(path: string): string | undefined {
    return this.pending.get(path)?.content ?? this.tree.read(path);
  }

  isPristine(path: string): boolean {
    const original = this.tree.original(path);
    return original !== undefined && sha256(original) === this.manifest.files[path];
  }

  /** A file edited in place, carrying its owner's content forward. */
  edit(path: string, content: string): void {
    this.pending.set(path, { content, mode: "merged" });
  }

  /** A file written whole, as create writes it: new, or still pristine. */
  create(path: string, content: string): void {
    this.pending.set(path, { content, mode: "generated" });
  }

  flush(manifest: Omit<Manifest, "files">, previous: Manifest): void {
    for (const [path, { content, mode }] of this.pending) this.tree.write(path, content, mode);
    const tracked = [...this.pending.keys()].filter(
      (path) => path !== "package.json" && (this.tree.original(path) === undefined || this.isPristine(path)),
    );
    writeManifest(this.tree, manifest, tracked, previous);
  }
}

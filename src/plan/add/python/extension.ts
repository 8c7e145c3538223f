import {
  addExtensionToBuilder,
  builderMethod,
  type ExtensionBuildChange,
} from "../../../edit/python/builder-chain.js";
import { replaceFieldDefault } from "../../../edit/python/config.js";
import {
  methodDocstring,
  moduleDocstring,
  newTests,
  serviceComment,
} from "../../../edit/python/fragments.js";
import { refreshComments, refreshDocstring } from "../../../edit/python/prose.js";
import { docstringOf, requireClass } from "../../../edit/python/syntax.js";
import { addTestFunction } from "../../../edit/python/tests-module.js";
import { originComments, stepComments, stepFragment } from "../../../render/python/chain-steps.js";
import { builderName, fieldName, PY_PATHS } from "../../../render/python/names.js";
import type { NormalizedService, NormalizedStack } from "../../../spec/model.js";
import { type BuilderModel, builderModel } from "../../builder-steps.js";
import { type ModelChange, type StepChange, stepChange, stepOf } from "../builder-change.js";
import { renderedSource, type When } from "../edit-context.js";
import { switchImage } from "../image-switch.js";
import { regenerateIfPristine } from "../whole-files.js";
import { configFieldNames, type PyContext } from "./context.js";

/** An extension on an existing service: its builder, the prose that names it, its image, its smoke tests. */
export function addExtensionCode(context: PyContext, was: NormalizedService, is: NormalizedService): void {
  const models = { was: builderModel(context.before, was), is: builderModel(context.after, is) };
  addExtensionToStack(context, is, models);
  refreshServiceProse(context, is, models);
  switchDefaultImage(context, was, is);
  addExtensionTests(context, is);
}

function addExtensionToStack(context: PyContext, service: NormalizedService, models: ModelChange): void {
  const { session, names, notes } = context;
  const file = session.file(PY_PATHS.stack);
  const change = buildChange(context, models);
  notes.push(...addExtensionToBuilder(file, names.stackClass, builderName(service), change));
}

/** The step change written as the chain lines create renders. */
function buildChange({ before, after }: PyContext, models: ModelChange): ExtensionBuildChange {
  const { aptPackages, aptStep, provided, serverArgs } = stepChange(models);
  return {
    aptPackages,
    aptInstallLines: aptStep ? stepFragment(after, models.is, aptStep).join("\n") : "",
    providedPackages: provided
      ? {
          packages: provided.packages,
          previousLines: stepFragment(before, models.was, provided.previousStep).join("\n"),
          noneLeft: provided.noneLeft,
        }
      : undefined,
    serverArgs: serverArgs ? serverArgsChange(after, models.is, serverArgs) : undefined,
  };
}

/** New server arguments: the call that sets them, and the step's lines with its comment. */
function serverArgsChange(
  after: NormalizedStack,
  model: BuilderModel,
  { previous, next, step }: NonNullable<StepChange["serverArgs"]>,
): ExtensionBuildChange["serverArgs"] {
  const lines = stepFragment(after, model, step);
  const call = lines.filter((line) => !line.startsWith("#")).join("\n");
  return { previous, next, call, lines: lines.join("\n") };
}

/** The prose that names a service's extensions: its summary comment in config.py, its builder's docstring and comments. */
function refreshServiceProse(context: PyContext, service: NormalizedService, models: ModelChange): void {
  refreshConfigComment(context, service);
  refreshBuilderDocstring(context, builderName(service));
  refreshChainComments(context, builderName(service), models);
}

function refreshConfigComment(context: PyContext, service: NormalizedService): void {
  const { configClass } = context.names;
  const file = context.session.file(PY_PATHS.config);
  const fields = configFieldNames(service);
  const comment = (when: When) =>
    serviceComment(renderedSource(context, when, PY_PATHS.config), configClass, fields);
  refreshComments(file, requireClass(file, configClass).body, {
    previous: comment("before"),
    next: comment("after"),
  });
}

function refreshBuilderDocstring(context: PyContext, builder: string): void {
  const { stackClass } = context.names;
  const file = context.session.file(PY_PATHS.stack);
  const doc = (when: When) =>
    methodDocstring(renderedSource(context, when, PY_PATHS.stack), stackClass, builder);
  refreshDocstring(file, docstringOf(builderMethod(file, stackClass, builder)), {
    previous: doc("before"),
    next: doc("after"),
  });
}

/** The origin's comment (pg_search brings its own image) and the apt step's, which lists the extensions. */
function refreshChainComments(
  { session, names, before, after }: PyContext,
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

/** The default image moves to the one the extensions need (pg_search's), unless the user chose their own. */
function switchDefaultImage(
  { session, names, notes }: PyContext,
  was: NormalizedService,
  is: NormalizedService,
): void {
  const replaceDefault = (image: { previous: string; value: string }) =>
    replaceFieldDefault(session.file(PY_PATHS.config), names.configClass, fieldName(is, "image"), image);
  notes.push(...switchImage(PY_PATHS.config, was, is, replaceDefault));
}

function addExtensionTests(context: PyContext, service: NormalizedService): void {
  const path = PY_PATHS.smoke(service);
  const file = context.session.fileIfPresent(path);
  if (!file) {
    context.notes.push(`${path} is gone, so the new ${service.name} extensions have no smoke test`);
    return;
  }
  // As generated: written whole, so that tests an image change moves (pg_cron's database on ParadeDB's
  // image) move too.
  if (context.writes.isPristine(path)) {
    regenerateIfPristine(context, path);
    return;
  }
  const [was, is] = [renderedSource(context, "before", path), renderedSource(context, "after", path)];
  refreshDocstring(file, docstringOf(file.root), {
    previous: moduleDocstring(was),
    next: moduleDocstring(is),
  });
  for (const test of newTests(was, is)) addTestFunction(file, test.name, test.fragment);
}

import { memberName } from "../../../edit/typescript/anchors.js";
import { addExtensionToBuilder, type ExtensionBuildChange } from "../../../edit/typescript/builder-chain.js";
import { replaceServiceDefault, servicesType } from "../../../edit/typescript/config.js";
import {
  configTypeDoc,
  describeTitle,
  methodDoc,
  newSmokeTests,
} from "../../../edit/typescript/fragments.js";
import { dropNamedImportIfUnused, ensureNamedImport } from "../../../edit/typescript/imports.js";
import {
  refreshDescribeTitle,
  refreshDocComment,
  refreshLineComments,
} from "../../../edit/typescript/prose.js";
import { addExtensionSmokeTest } from "../../../edit/typescript/tests.js";
import { tsString } from "../../../render/escape.js";
import { originLines, stepLines } from "../../../render/typescript/fragments.js";
import { PATHS } from "../../../render/typescript/names.js";
import { builderName } from "../../../render/typescript/stack-view.js";
import type { NormalizedService } from "../../../spec/model.js";
import { builderModel } from "../../builder-steps.js";
import { type ModelChange, stepChange, stepOf } from "../builder-change.js";
import { renderedSource, type When } from "../edit-context.js";
import { switchImage } from "../image-switch.js";
import { regenerateIfPristine } from "../whole-files.js";
import { DAGGER_SDK, type TsContext } from "./context.js";

/** An extension on an existing service: its builder, the prose that names it, its image, its smoke tests. */
export function addExtensionCode(context: TsContext, was: NormalizedService, is: NormalizedService): void {
  const models = { was: builderModel(context.before, was), is: builderModel(context.after, is) };
  addExtensionToStack(context, is, models);
  refreshServiceProse(context, is, models);
  switchDefaultImage(context, was, is);
  addExtensionTests(context, is);
}

function addExtensionToStack(
  { session, names, notes }: TsContext,
  service: NormalizedService,
  models: ModelChange,
): void {
  const file = session.file(PATHS.stack);
  const change = buildChange(models);
  if (change.aptPackages.length > 0) ensureNamedImport(file, DAGGER_SDK, "CacheSharingMode");
  notes.push(...addExtensionToBuilder(file, names.stackClass, builderName(service), change));
  if (change.providedPackages?.noneLeft) dropNamedImportIfUnused(file, DAGGER_SDK, "CacheSharingMode");
}

/** The step change written as the chain lines create renders. */
function buildChange(models: ModelChange): ExtensionBuildChange {
  const { aptPackages, aptStep, provided, serverArgs } = stepChange(models);
  return {
    aptPackages,
    aptInstallLines: aptStep ? stepLines(models.is, aptStep) : [],
    providedPackages: provided
      ? {
          packages: provided.packages,
          previousLines: stepLines(models.was, provided.previousStep),
          noneLeft: provided.noneLeft,
        }
      : undefined,
    serverArgs: serverArgs
      ? { previous: serverArgs.previous, next: serverArgs.next, lines: stepLines(models.is, serverArgs.step) }
      : undefined,
  };
}

/** The summaries that name a service's extensions: config doc, builder doc and comments, smoke title. */
function refreshServiceProse(context: TsContext, service: NormalizedService, models: ModelChange): void {
  refreshConfigDoc(context, service.names.camel);
  refreshBuilderDoc(context, builderName(service));
  refreshChainComments(context, builderName(service), models);
}

function refreshConfigDoc(context: TsContext, key: string): void {
  const { configType } = context.names;
  const doc = (when: When) => configTypeDoc(renderedSource(context, when, PATHS.config), configType, key);
  const file = context.session.file(PATHS.config);
  const member = servicesType(file, configType)
    .getMembers()
    .find((node) => memberName(node) === key);
  if (member) refreshDocComment(file, member, { previous: doc("before"), next: doc("after") });
}

function refreshBuilderDoc(context: TsContext, builder: string): void {
  const { stackClass } = context.names;
  const doc = (when: When) => methodDoc(renderedSource(context, when, PATHS.stack), stackClass, builder);
  const file = context.session.file(PATHS.stack);
  const method = file.source.getClass(stackClass)?.getMethod(builder);
  if (method) refreshDocComment(file, method, { previous: doc("before"), next: doc("after") });
}

function refreshChainComments(
  { session, names }: TsContext,
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

/** The default image moves to the one the extensions need (pg_search's), unless the user chose their own. */
function switchDefaultImage(
  { session, names, notes }: TsContext,
  was: NormalizedService,
  is: NormalizedService,
): void {
  const field = { key: is.names.camel, field: "image" };
  const replaceDefault = (image: { previous: string; value: string }) =>
    replaceServiceDefault(session.file(PATHS.config), names.configFactory, field, {
      ...image,
      literal: tsString(image.value),
    });
  notes.push(...switchImage(PATHS.config, was, is, replaceDefault));
}

function addExtensionTests(context: TsContext, service: NormalizedService): void {
  const path = PATHS.smoke(service.name);
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
  refreshDescribeTitle(file, { previous: describeTitle(was), next: describeTitle(is) });
  for (const test of newSmokeTests(was, is)) addExtensionSmokeTest(file, test.name, test.fragment);
}

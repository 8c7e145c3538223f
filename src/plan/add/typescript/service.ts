import { addServiceDefaults, addServiceToConfigType } from "../../../edit/typescript/config.js";
import {
  aliasFragment,
  configDefaultsFragment,
  configTypeFragment,
  methodFragment,
  registryFragment,
} from "../../../edit/typescript/fragments.js";
import { ensureNamedImport } from "../../../edit/typescript/imports.js";
import {
  addAlias,
  addBuilderMethod,
  addRegistryEntry,
  addUrlMethod,
  insertIntoStartOrder,
} from "../../../edit/typescript/stack-class.js";
import { namePaddingLiteral, widenNamePadding } from "../../../edit/typescript/up-script.js";
import { usesCacheSharing } from "../../../render/typescript/chain.js";
import { PATHS } from "../../../render/typescript/names.js";
import { builderName } from "../../../render/typescript/stack-view.js";
import { isService, type NormalizedService, serviceByName } from "../../../spec/model.js";
import { builderModel } from "../../builder-steps.js";
import { renderedSource } from "../edit-context.js";
import { addNewFile } from "../whole-files.js";
import { DAGGER_SDK, type TsContext } from "./context.js";
import { addModuleFunctionCode } from "./module.js";

/** A new service: its config, its builder (and for a service its place in the stack), its smoke test. */
export function addServiceCode(context: TsContext, service: NormalizedService): void {
  addServiceConfig(context, service.names.camel);
  addServiceToStack(context, service);
  widenUpPadding(context);
  addNewFile(context, PATHS.smoke(service.name));
  if (context.after.module && isService(service)) addModuleFunctionCode(context, service);
}

function addServiceConfig(context: TsContext, key: string): void {
  const { configType, configFactory } = context.names;
  const file = context.session.file(PATHS.config);
  const source = renderedSource(context, "after", PATHS.config);
  addServiceToConfigType(file, configType, key, configTypeFragment(source, configType, key));
  addServiceDefaults(file, configFactory, key, configDefaultsFragment(source, configFactory, key));
}

function addServiceToStack(context: TsContext, service: NormalizedService): void {
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

/** The up script pads service names to the longest: a longer new name widens it. */
function widenUpPadding(context: TsContext): void {
  const file = context.session.fileIfPresent(PATHS.up);
  const width = namePaddingLiteral(renderedSource(context, "after", PATHS.up));
  if (file && width !== undefined) widenNamePadding(file, width);
}

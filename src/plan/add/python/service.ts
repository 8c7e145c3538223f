import { addServiceFields } from "../../../edit/python/config.js";
import { addUrlFixture } from "../../../edit/python/fixtures-module.js";
import {
  classDocstringText,
  functionFragment,
  methodFragment,
  registryEntryFragment,
  serviceFieldsFragment,
} from "../../../edit/python/fragments.js";
import { ensureFromImport } from "../../../edit/python/imports.js";
import { refreshDocstring } from "../../../edit/python/prose.js";
import {
  addBuilderMethod,
  addRegistryEntry,
  addServiceName,
  addUrlMethod,
  classDocstring,
  insertIntoStartOrder,
} from "../../../edit/python/stack-module.js";
import { paddingWidth, widenNamePadding } from "../../../edit/python/tests-module.js";
import { builderName, PY_PATHS, urlFixtureName, urlMethodName } from "../../../render/python/names.js";
import { isService, type NormalizedService, serviceByName } from "../../../spec/model.js";
import { renderedSource, type When } from "../edit-context.js";
import { addNewFile } from "../whole-files.js";
import { configFieldNames, type PyContext } from "./context.js";
import { addModuleFunctionCode } from "./module.js";

/** A new service: its config fields, its builder (and for a service its place in the stack and its URL fixture), its smoke test. */
export function addServiceCode(context: PyContext, service: NormalizedService): void {
  addServiceConfig(context, service);
  addServiceToStack(context, service);
  if (isService(service)) {
    addServiceUrlFixture(context, service);
    widenUpPadding(context);
    if (context.after.module) addModuleFunctionCode(context, service);
  }
  addNewFile(context, PY_PATHS.smoke(service));
}

function addServiceConfig(context: PyContext, service: NormalizedService): void {
  const { configClass } = context.names;
  const file = context.session.file(PY_PATHS.config);
  const names = configFieldNames(service);
  const fragment = serviceFieldsFragment(
    renderedSource(context, "after", PY_PATHS.config),
    configClass,
    names,
  );
  addServiceFields(file, configClass, names, fragment);
  const doc = (when: When) => classDocstringText(renderedSource(context, when, PY_PATHS.config), configClass);
  refreshDocstring(file, classDocstring(file, configClass), { previous: doc("before"), next: doc("after") });
}

function addServiceToStack(context: PyContext, service: NormalizedService): void {
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

function addServiceUrlFixture(context: PyContext, service: NormalizedService): void {
  const name = urlFixtureName(service);
  addUrlFixture(
    context.session.file(PY_PATHS.fixtures),
    name,
    functionFragment(renderedSource(context, "after", PY_PATHS.fixtures), name),
  );
}

/** The up script pads service names to the longest: a longer new name widens it. */
function widenUpPadding(context: PyContext): void {
  const file = context.session.fileIfPresent(PY_PATHS.up);
  const width = paddingWidth(renderedSource(context, "after", PY_PATHS.up));
  if (file && width !== undefined) widenNamePadding(file, width);
}

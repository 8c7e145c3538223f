import { methodFragment } from "../../../edit/python/fragments.js";
import { addModuleFunction } from "../../../edit/python/module-object.js";
import { moduleName, moduleObjectName, moduleServices } from "../../../render/module.js";
import { pythonModuleFunctionName, pythonModuleSource } from "../../../render/python/module.js";
import type { NormalizedService } from "../../../spec/model.js";
import { renderedSource } from "../edit-context.js";
import type { PyContext } from "./context.js";

/** A new service of a stack with a Dagger module (`--module`) gets its function there too. */
export function addModuleFunctionCode(context: PyContext, service: NormalizedService): void {
  const path = pythonModuleSource(context.after);
  const name = pythonModuleFunctionName(service);
  const file = context.session.fileIfPresent(path);
  if (!file) {
    context.notes.push(
      `${path} is gone, so the Dagger module has no \`${name}\` function: run create-dagger-stack --module to write it again`,
    );
    return;
  }
  const objectName = moduleObjectName(moduleName(context.after));
  const services = moduleServices(context.after);
  const before = services[services.findIndex((entry) => entry.name === service.name) - 1];
  addModuleFunction(file, objectName, {
    name,
    previous: before && pythonModuleFunctionName(before),
    fragment: methodFragment(renderedSource(context, "after", path), objectName, name),
  });
}

import { methodFragment } from "../../../edit/typescript/fragments.js";
import { addModuleFunction } from "../../../edit/typescript/module-class.js";
import { moduleName, moduleObjectName } from "../../../render/module.js";
import { MODULE_SOURCE, moduleFunctionName } from "../../../render/typescript/module.js";
import type { NormalizedService } from "../../../spec/model.js";
import { renderedSource } from "../edit-context.js";
import type { TsContext } from "./context.js";

/** A new service of a stack with a Dagger module (`--module`) gets its function there too. */
export function addModuleFunctionCode(context: TsContext, service: NormalizedService): void {
  const name = moduleFunctionName(service);
  const file = context.session.fileIfPresent(MODULE_SOURCE);
  if (!file) {
    context.notes.push(
      `${MODULE_SOURCE} is gone, so the Dagger module has no \`${name}\` function: run create-dagger-stack --module to write it again`,
    );
    return;
  }
  const objectName = moduleObjectName(moduleName(context.after));
  const source = renderedSource(context, "after", MODULE_SOURCE);
  addModuleFunction(file, objectName, name, methodFragment(source, objectName, name));
}

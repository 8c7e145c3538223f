import type { PyFile } from "./file.js";
import { insertAfter, insertBefore } from "./insert.js";
import { findDefinition, requireClass, requireMethod } from "./syntax.js";

/**
 * A new service's function in the Dagger module's object, where create puts it: after the function of
 * the service before it (`previous`), or before `test` when that one is not there.
 */
export function addModuleFunction(
  file: PyFile,
  objectName: string,
  function_: { name: string; previous: string | undefined; fragment: string },
): void {
  const owner = requireClass(file, objectName);
  if (findDefinition(owner.body, "function_definition", function_.name)) return;
  const previous =
    function_.previous && findDefinition(owner.body, "function_definition", function_.previous);
  if (previous) insertAfter(file, previous, function_.fragment, 1);
  else insertBefore(file, requireMethod(file, owner, "test"), function_.fragment, 1);
}

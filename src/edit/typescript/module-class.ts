import { anchorError } from "../shared/anchor-error.js";
import { requireClass } from "./anchors.js";
import type { TsFile } from "./file.js";
import { insertAfter, insertBefore } from "./insert.js";

/** Editors for the Dagger module's code (stack/src/index.ts): its object's functions. */

/**
 * A new service's function goes before `test()`, where create puts it, or after the last `@func()` method
 * when the team moved or removed `test()`.
 */
export function addModuleFunction(file: TsFile, objectName: string, name: string, fragment: string): void {
  const owner = requireClass(file, objectName);
  if (owner.getMethod(name)) return;
  const test = owner.getMethod("test");
  if (test) {
    insertBefore(file, test, fragment);
    return;
  }
  const last = owner
    .getMethods()
    .filter((method) => method.getDecorator("func"))
    .at(-1);
  if (!last) throw anchorError(file, `a test() or @func() method in class ${objectName}`);
  insertAfter(file, last, fragment);
}

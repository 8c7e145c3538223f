import type { TsFile } from "../../../edit/typescript/file.js";
import type { TypeScriptNames } from "../../../render/typescript/names.js";
import type { EditContext } from "../edit-context.js";

export interface TsContext extends EditContext<TsFile> {
  names: TypeScriptNames;
}

export const DAGGER_SDK = "@dagger.io/dagger";

import type { PyFile } from "../../../edit/python/file.js";
import { fieldName, type PythonNames } from "../../../render/python/names.js";
import type { NormalizedService } from "../../../spec/model.js";
import { configFields } from "../../config-fields.js";
import type { EditContext } from "../edit-context.js";

export interface PyContext extends EditContext<PyFile> {
  names: PythonNames;
}

/** The fields a service has in the config class, as create names them. */
export function configFieldNames(service: NormalizedService): string[] {
  return configFields(service).map((field) => fieldName(service, field.name));
}

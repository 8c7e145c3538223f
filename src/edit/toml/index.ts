export { type DeclaredRequirement, declaredRequirements } from "./declared.js";
export { appendTable, appendToArray, insertKeyValue, keyText } from "./edit.js";
export {
  addRequirements,
  hatchTarget,
  isInstallable,
  type NewRequirement,
  normalizeName,
  type PyprojectTarget,
  pdmTarget,
  poetryTarget,
  pyprojectTarget,
  requirementName,
  targetFile,
  targetPath,
  uvTarget,
} from "./pyproject.js";
export { arrayItems, childKeys, findKeyValue, findTable, stringItems, tableEntries } from "./query.js";
export { decodeString, encodeString, scanToml, type TomlDocument, TomlSyntaxError } from "./scan.js";

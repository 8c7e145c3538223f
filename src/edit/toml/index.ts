export { appendTable, appendToArray, insertKeyValue, keyText } from "./edit.js";
export {
  addDevDependencies,
  compareRequirements,
  type DependencyMerge,
  isInstallable,
  normalizeName,
  type PyprojectTarget,
  pyprojectTarget,
  requirementName,
  targetPath,
} from "./pyproject.js";
export { arrayItems, childKeys, findKeyValue, findTable, stringItems, tableEntries } from "./query.js";
export { decodeString, encodeString, scanToml, type TomlDocument, TomlSyntaxError } from "./scan.js";

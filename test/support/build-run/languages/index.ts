import type { Language } from "../../../../src/spec/model.js";
import { pythonHook } from "./python/index.js";
import type { LanguageHook } from "./types.js";
import { typescriptHook } from "./typescript/index.js";

export type { LanguageHook, ProjectUnderTest, TestRun } from "./types.js";

const HOOKS: Record<Language, LanguageHook> = { typescript: typescriptHook, python: pythonHook };

export function languageHook(language: Language): LanguageHook {
  return HOOKS[language];
}

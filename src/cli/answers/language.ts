import type { Language } from "../../spec/model.js";

/**
 * The language when neither --lang, the spec nor the project picture's languages say (an empty folder, or
 * one without package.json, a tsconfig, pyproject.toml, setup.py or requirements files) and none is asked.
 */
export const FALLBACK_LANGUAGE: Language = "typescript";

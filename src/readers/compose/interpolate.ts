import { UsageError } from "../../errors.js";
import { type LocatedDocument, OverrideTag } from "../located-yaml.js";
import { childPointer } from "../pointer.js";
import { CAST_NAMES, castFor } from "./casts.js";
import { composeProblem } from "./problems.js";
import { type Lookup, substitute, TemplateError, type VariableUse } from "./template.js";

/** A variable use with the JSON pointer of the value it was found in. */
export interface LocatedUse extends VariableUse {
  pointer: string;
}

export interface InterpolatedDocument extends LocatedDocument {
  uses: LocatedUse[];
}

/**
 * Substitutes variables in every string value of one file (keys are left alone, as compose does), then
 * casts the values compose's schema wants as numbers or booleans.
 */
export function interpolateDocument(document: LocatedDocument, lookup: Lookup): InterpolatedDocument {
  const uses: LocatedUse[] = [];
  const walk = (value: unknown, pointer: string): unknown => {
    if (typeof value === "string")
      return castValue(document, interpolateString(document, value, pointer), pointer);
    if (value instanceof OverrideTag) return new OverrideTag(walk(value.value, pointer));
    if (Array.isArray(value)) return value.map((item, index) => walk(item, childPointer(pointer, index)));
    if (isPlainObject(value)) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, walk(item, childPointer(pointer, key))]),
      );
    }
    return value;
  };
  const interpolateString = (doc: LocatedDocument, text: string, pointer: string): string => {
    try {
      const result = substitute(text, lookup);
      uses.push(...result.uses.map((use) => ({ ...use, pointer })));
      return result.value;
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      throw new UsageError(
        composeProblem(
          doc.file,
          doc.positions,
          pointer,
          `invalid interpolation "${text}"`,
          "use $VAR, ${VAR}, ${VAR:-default} or ${VAR:?message}; write $$ for a literal $",
        ),
        doc.file,
      );
    }
  };
  const data = walk(document.data, "") as Record<string, unknown>;
  return { ...document, data, uses };
}

function castValue(document: LocatedDocument, text: string, pointer: string): unknown {
  const cast = castFor(pointer);
  if (!cast) return text;
  const value = cast(text);
  if (value !== undefined) return value;
  throw new UsageError(
    composeProblem(document.file, document.positions, pointer, `"${text}" is not ${CAST_NAMES.get(cast)}`),
    document.file,
  );
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

import { UsageError } from "../errors.js";

/**
 * JSON.parse for a file of the user's project (package.json, dagger-stack.json). A syntax error is a
 * UsageError at `file:line:column` that says what is wrong there, never a stack trace. Comments and
 * trailing commas are errors, as they are for npm, which reads package.json as strict JSON.
 */
export function parseJsonFile(text: string, file: string, hint: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at position (\d+)/.exec(message)?.[1];
    const position =
      at !== undefined ? Number(at) : /end of JSON input/.test(message) ? text.length : undefined;
    if (position === undefined) {
      // Node 20 says where only for some errors: "Unexpected token 'o', "not json" is not valid JSON".
      throw new UsageError({ path: file, message: `is not valid JSON: ${message.split(",")[0]}`, hint });
    }
    const { line, column } = lineAndColumn(text, position);
    throw new UsageError({
      path: `${file}:${line}:${column}`,
      message: reason(text, position, message),
      hint,
    });
  }
}

function reason(text: string, position: number, message: string): string {
  const rest = text.slice(position);
  if (rest.startsWith("//") || rest.startsWith("/*")) return "has a comment, which JSON does not allow";
  if (position >= text.length) return "is not valid JSON: it ends before its last value is complete";
  return `is not valid JSON: ${message.replace(/ in JSON at position \d+.*$/s, "")}`;
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  return { line, column: position - before.lastIndexOf("\n") };
}

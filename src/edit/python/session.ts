import { EditSession } from "../shared/session.js";
import { PyFile, requireValidSyntax } from "./file.js";
import type { PythonParser } from "./parser.js";

/** The Python files one command edits, parsed with tree-sitter; a file with a syntax error is not edited. */
export class PyEditSession extends EditSession<PyFile> {
  constructor(parser: PythonParser, read: (path: string) => string | undefined) {
    super(
      {
        open: (path, text) => new PyFile(path, text, parser),
        requireEditable: requireValidSyntax,
        output: (file) => file.output(),
        dispose: (file) => file.dispose(),
      },
      read,
    );
  }
}

import { AnchorError } from "../../errors.js";
import { PyFile, requireValidSyntax } from "./file.js";
import type { PythonParser } from "./parser.js";

/**
 * The Python files one command edits, each read and parsed the first time an editor asks for it, and
 * the files create renders for the stack before and after the growth, to cut pieces from.
 */
export class PyEditSession {
  private readonly files = new Map<string, { file: PyFile; original: string }>();
  private readonly renderedFiles = new Map<string, PyFile>();

  constructor(
    private readonly parser: PythonParser,
    private readonly read: (path: string) => string | undefined,
  ) {}

  /** The user's file; a missing one is an anchor that is gone. */
  file(path: string): PyFile {
    const file = this.fileIfPresent(path);
    if (!file) {
      throw new AnchorError(
        path,
        "the file",
        "restore it (e.g. from version control), or make this change by hand",
      );
    }
    return file;
  }

  fileIfPresent(path: string): PyFile | undefined {
    const open = this.files.get(path);
    if (open) return open.file;
    const text = this.read(path);
    if (text === undefined) return undefined;
    const file = new PyFile(path, text, this.parser);
    try {
      requireValidSyntax(file);
    } catch (error) {
      file.dispose();
      throw error;
    }
    this.files.set(path, { file, original: text });
    return file;
  }

  /** A rendered file, parsed once per `key` (e.g. `after/tests/dagger_modules/stack.py`). */
  rendered(key: string, text: string): PyFile {
    let file = this.renderedFiles.get(key);
    if (!file) {
      file = new PyFile(`.rendered/${key}`, text, this.parser);
      this.renderedFiles.set(key, file);
    }
    return file;
  }

  /** Files whose text the editors changed, with their new text. */
  edited(): { path: string; text: string }[] {
    return [...this.files.entries()]
      .map(([path, { file, original }]) => ({ path, text: file.output(), original }))
      .filter(({ text, original }) => text !== original)
      .map(({ path, text }) => ({ path, text }));
  }

  dispose(): void {
    for (const { file } of this.files.values()) file.dispose();
    for (const file of this.renderedFiles.values()) file.dispose();
  }
}

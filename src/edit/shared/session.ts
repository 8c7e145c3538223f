import { AnchorError } from "../../errors.js";

/** How one language opens a file for editing and gives its text back. */
export interface FileKind<File> {
  /** Parses `text`; `path` is what errors report. */
  open(path: string, text: string): File;
  /** Throws when a user's file cannot be edited safely (Python: a syntax error); rendered files are create's. */
  requireEditable?(file: File): void;
  /** The file's text now, in its own line endings. */
  output(file: File): string;
  /** Frees what the parse holds outside the garbage collector's reach. */
  dispose?(file: File): void;
}

/**
 * The files one command edits, whatever the language. A file is read and parsed the first time an editor
 * asks for it, so the cost grows with the files edited, not with the project. Rendered files (create's
 * output for the stack before and after the growth, to cut pieces from) live beside them under `.rendered/`.
 */
export class EditSession<File> {
  private readonly files = new Map<string, { file: File; original: string }>();
  private readonly renderedFiles = new Map<string, File>();

  constructor(
    private readonly kind: FileKind<File>,
    private readonly read: (path: string) => string | undefined,
  ) {}

  /** The user's file; a missing one is an anchor that is gone. */
  file(path: string): File {
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

  fileIfPresent(path: string): File | undefined {
    const open = this.files.get(path);
    if (open) return open.file;
    const text = this.read(path);
    if (text === undefined) return undefined;
    const file = this.kind.open(path, text);
    try {
      this.kind.requireEditable?.(file);
    } catch (error) {
      this.kind.dispose?.(file);
      throw error;
    }
    this.files.set(path, { file, original: text });
    return file;
  }

  /** A rendered file, parsed once per `key` (e.g. `after/stack/stack.ts`). */
  rendered(key: string, text: string): File {
    let file = this.renderedFiles.get(key);
    if (!file) {
      file = this.kind.open(`.rendered/${key}`, text);
      this.renderedFiles.set(key, file);
    }
    return file;
  }

  /** Files whose text the editors changed, with their new text. */
  edited(): { path: string; text: string }[] {
    return [...this.files.entries()]
      .map(([path, { file, original }]) => ({ path, text: this.kind.output(file), original }))
      .filter(({ text, original }) => text !== original)
      .map(({ path, text }) => ({ path, text }));
  }

  dispose(): void {
    for (const { file } of this.files.values()) this.kind.dispose?.(file);
    for (const file of this.renderedFiles.values()) this.kind.dispose?.(file);
  }
}

import { AnchorError } from "../../errors.js";
import { createTsProject, openTsFile, type TsFile, tsFileText } from "./file.js";

/**
 * The TypeScript files one command edits. A file is read and parsed the first time an editor asks for
 * it, so the cost grows with the files edited, not with the project. Rendered files (create's output
 * for the grown stack, to cut pieces from) live beside them under `.rendered/`.
 */
export class TsEditSession {
  private readonly project = createTsProject();
  private readonly files = new Map<string, { file: TsFile; original: string }>();
  private readonly renderedFiles = new Map<string, TsFile>();

  constructor(private readonly read: (path: string) => string | undefined) {}

  /** The user's file; a missing one is an anchor that is gone. */
  file(path: string): TsFile {
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

  fileIfPresent(path: string): TsFile | undefined {
    const open = this.files.get(path);
    if (open) return open.file;
    const text = this.read(path);
    if (text === undefined) return undefined;
    const file = openTsFile(this.project, path, text);
    this.files.set(path, { file, original: text });
    return file;
  }

  /** A rendered file, parsed once per `key` (e.g. `after/stack/stack.ts`). */
  rendered(key: string, text: string): TsFile {
    let file = this.renderedFiles.get(key);
    if (!file) {
      file = openTsFile(this.project, `.rendered/${key}`, text);
      this.renderedFiles.set(key, file);
    }
    return file;
  }

  /** Files whose text the editors changed, with their new text. */
  edited(): { path: string; text: string }[] {
    return [...this.files.entries()]
      .map(([path, { file, original }]) => ({ path, text: tsFileText(file), original }))
      .filter(({ text, original }) => text !== original)
      .map(({ path, text }) => ({ path, text }));
  }
}

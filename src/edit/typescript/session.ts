import { EditSession } from "../shared/session.js";
import { createTsProject, openTsFile, type TsFile, tsFileText } from "./file.js";

/** The TypeScript files one command edits, parsed by ts-morph in one in-memory project. */
export class TsEditSession extends EditSession<TsFile> {
  constructor(read: (path: string) => string | undefined) {
    const project = createTsProject();
    super({ open: (path, text) => openTsFile(project, path, text), output: tsFileText }, read);
  }
}

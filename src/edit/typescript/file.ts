import { Project, type SourceFile } from "ts-morph";
import { type CodeStyle, detectStyle, restyle } from "./style.js";

/**
 * A TypeScript file opened for editing: parsed on its own (never through a tsconfig program), with the
 * style it is written in. ts-morph sees LF line endings; tsFileText() gives CRLF back if the file had it.
 */
export interface TsFile {
  /** Project-relative path, as errors report it. */
  readonly path: string;
  readonly source: SourceFile;
  readonly style: CodeStyle;
  readonly crlf: boolean;
}

/** One in-memory project per command. It holds only the files handed to it, so its cost is theirs. */
export function createTsProject(): Project {
  return new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
}

export function openTsFile(project: Project, path: string, text: string): TsFile {
  const crlf = text.includes("\r\n");
  const lf = crlf ? text.replace(/\r\n/g, "\n") : text;
  const source = project.createSourceFile(`/${path}`, lf, { overwrite: true });
  return { path, source, style: detectStyle(source), crlf };
}

export function tsFileText(file: TsFile): string {
  const text = file.source.getFullText();
  return file.crlf ? text.replace(/\n/g, "\r\n") : text;
}

/**
 * A whole new file in the style of `model`, a file of the same project (indentation, quotes, semicolons,
 * line endings). create's templates have no multi-line template literals, whose lines would be reindented.
 */
export function inStyleOf(model: TsFile, text: string): string {
  const styled = restyle(text, model.style, "");
  return model.crlf ? styled.replace(/\n/g, "\r\n") : styled;
}

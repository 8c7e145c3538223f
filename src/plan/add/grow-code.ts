import type { NormalizedService } from "../../spec/model.js";
import type { EditContext } from "./edit-context.js";
import { type MatrixGrowth, stackGrowth } from "./stack-growth.js";
import { regenerateIfPristine } from "./whole-files.js";

/** One language's editors, one for each way a stack grows. */
export interface CodeEditors<Context> {
  addService(context: Context, service: NormalizedService): void;
  addExtension(context: Context, was: NormalizedService, is: NormalizedService): void;
  addMatrix(context: Context, growth: MatrixGrowth): void;
  /** The docs, which the tool rewrites whole while they are as generated. */
  docPath: string;
}

/** Writes the code for everything the stack grew by, then hands the edited files to the held-back writes. */
export function growCode<Context extends EditContext<unknown>>(
  context: Context,
  editors: CodeEditors<Context>,
): void {
  const { newServices, grownServices, grownMatrix } = stackGrowth(context.before, context.after);
  for (const service of newServices) editors.addService(context, service);
  for (const [was, is] of grownServices) editors.addExtension(context, was, is);
  for (const growth of grownMatrix) editors.addMatrix(context, growth);
  for (const { path, text } of context.session.edited()) context.writes.edit(path, text);
  regenerateIfPristine(context, editors.docPath);
}

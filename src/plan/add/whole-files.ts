import { type EditContext, renderedText } from "./edit-context.js";

/**
 * A file create would add for the grown stack, written like the project's other tests (the fixtures
 * module is the model); one the user already has at that path stays theirs.
 */
export function addNewFile<File>(context: EditContext<File>, path: string): void {
  const { writes, rendered, notes, session, newFileStyle } = context;
  if (writes.read(path) !== undefined) {
    notes.push(`${path} already exists: kept yours`);
    return;
  }
  const model = session.fileIfPresent(newFileStyle.modelPath);
  const text = renderedText(rendered, path);
  writes.create(path, model ? newFileStyle.inStyleOf(model, text) : text);
}

/** A file the tool rewrites whole (docs) is rewritten only while it is as generated. */
export function regenerateIfPristine<File>(context: EditContext<File>, path: string): void {
  const { writes, rendered, renderedBefore, notes } = context;
  const text = rendered.get(path);
  if (text === undefined || writes.read(path) === undefined || text === renderedBefore.get(path)) return;
  if (writes.isPristine(path)) writes.create(path, text);
  else notes.push(`${path} has your edits, so it was not regenerated and does not describe this change yet`);
}

import { expect, test } from "vitest";
import { AnchorError } from "../../src/errors.js";

/**
 * Editor tables, whatever the language: each row is a file before, the edit, and the file after. Every
 * row is applied twice, to check that a second run changes nothing. `apply` opens the file for one
 * language, runs the editor on it and gives its text back.
 */
export interface EditorRow {
  name: string;
  before: string;
  after: string;
}

export function editorTables<Editor>(apply: (path: string, text: string, editor: Editor) => string) {
  return {
    table(path: string, editor: Editor, rows: EditorRow[]): void {
      test.each(rows)("$name", ({ before, after }) => {
        const once = apply(path, before, editor);
        expect(once).toBe(after);
        expect(apply(path, once, editor)).toBe(once);
      });
    },

    /** The editor refuses with an AnchorError that names the file and what it looked for. */
    expectAnchorError(path: string, text: string, editor: Editor, anchor: RegExp): void {
      let caught: unknown;
      try {
        apply(path, text, editor);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AnchorError);
      const error = caught as AnchorError;
      expect(error.file).toBe(path);
      expect(error.anchor).toMatch(anchor);
      expect(error.message).toBe(`${path}: could not find ${error.anchor}`);
    },
  };
}

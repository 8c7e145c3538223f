/**
 * What a commit has done so far, as steps that undo it. Rolling back runs them newest first and goes on
 * past a step that fails, reporting whether every step succeeded (if not, the journal stays for the next
 * run to finish the job).
 */
export class UndoLog {
  private readonly steps: (() => Promise<unknown>)[] = [];

  push(undo: () => Promise<unknown>): void {
    this.steps.push(undo);
  }

  async rollback(): Promise<boolean> {
    let complete = true;
    for (const undo of this.steps.splice(0).reverse()) {
      await undo().catch(() => {
        complete = false;
      });
    }
    return complete;
  }
}

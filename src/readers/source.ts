/**
 * What every reader of an existing project records beside the values it reads: where each thing came
 * from, so that the migration report can point at a file and line, and the warnings it raised on the way.
 */

/** A place in a project file; `file` is relative to the project folder, with `/` separators. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/**
 * One top-level key as the project wrote it (a compose service's `ports`, a workflow service's `options`).
 * Every key a reader meets gets one, so the converter can give each a report entry and none is dropped
 * without a line saying so.
 */
export interface KeyEntry {
  key: string;
  /** Every place that contributed to the key's final value, in the order they were applied. */
  at: SourceLocation[];
  /** Variables interpolated into the key's value, sorted. */
  variables?: string[];
}

export type ReaderName = "compose" | "github-actions" | "dependencies" | "dockerfiles";

export interface ReaderWarning {
  reader: ReaderName;
  /** A stable name for the kind of warning, for tests and for grouping in the report. */
  code: string;
  message: string;
  at?: SourceLocation;
  service?: string;
  key?: string;
}

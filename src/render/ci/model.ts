/** What a CI file needs to know about the project, whatever its language. */
export interface CiModel {
  /** `node` or `python`: the name of the runtime axis. */
  runtime: "node" | "python";
  versions: string[];
  /** Test selections, one CI job each, e.g. `smoke`, `backend=postgres`. */
  selections: string[];
  /** What setup-node / setup-python cache between runs, if anything. */
  cache?: string;
  /** The project's own Python tool (uv, Poetry, PDM, Hatch), installed before `install` runs. */
  tool?: CiTool;
  /** Commands that install the project's dependencies. */
  install: string[];
  /** Command that type-checks or otherwise checks the stack before it runs, if any. */
  check?: string;
  /** The test command for one selection, given as a shell expression (e.g. `"$SELECTION"`). */
  test: (selection: string) => string;
}

/** A Python tool CI installs: pip requirements of the tool at its version and of what is pinned beside it. */
export interface CiTool {
  name: string;
  version: string;
  requirements: string[];
}

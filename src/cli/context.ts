/** Everything main() reads from the outside world. The bin passes the process's; tests pass fakes. */
export interface InputStream extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

export interface OutputStream extends NodeJS.WritableStream {
  isTTY?: boolean;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Where SIGINT and SIGTERM come from: the process in the bin; absent in tests that run main() in-process. */
export interface SignalSource {
  on(signal: "SIGINT" | "SIGTERM", listener: () => void): unknown;
  off(signal: "SIGINT" | "SIGTERM", listener: () => void): unknown;
}

export interface CliContext {
  /** Arguments after the program name. */
  argv: readonly string[];
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  cwd: string;
  env: Env;
  signals?: SignalSource;
}

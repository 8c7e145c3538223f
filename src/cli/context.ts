/** Everything main() reads from the outside world. The bin passes the process's; tests pass fakes. */
export interface InputStream extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

export interface OutputStream extends NodeJS.WritableStream {
  isTTY?: boolean;
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface CliContext {
  /** Arguments after the program name. */
  argv: readonly string[];
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  cwd: string;
  env: Env;
}

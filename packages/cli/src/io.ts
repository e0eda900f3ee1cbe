/** Where a command writes, what stops it, and what it may read of its environment. */
export interface CliIo {
  /** Normal output (e.g. the `listening on ...` line). */
  stdout: (text: string) => void;
  /** Errors, diagnostics and progress. */
  stderr: (text: string) => void;
  /** Aborted on SIGINT/SIGTERM (or by a test): long-running commands shut down cleanly and return. */
  signal: AbortSignal;
  /**
   * The environment variables the command reads (`SWF_FLOW_ENDPOINT`, `NO_COLOR`, ...).
   * @default process.env
   */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Whether `stdout` is a terminal: colour is used only then (unless `NO_COLOR` or `--no-color`;
   * `FORCE_COLOR` turns it on anyway).
   * @default false
   */
  isTTY?: boolean;
  /**
   * The directory relative paths and the local service's data directory are looked up from.
   * @default process.cwd()
   */
  cwd?: string;
}

/** `io.env`, else the process's environment. */
export function envOf(io: CliIo): Readonly<Record<string, string | undefined>> {
  return io.env ?? process.env;
}

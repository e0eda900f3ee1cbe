/** Where a command writes, and what stops it: the process in `bin.ts`, buffers in tests. */
export interface CliIo {
  /** Normal output (e.g. the `listening on ...` line). */
  stdout: (text: string) => void;
  /** Errors and diagnostics. */
  stderr: (text: string) => void;
  /** Aborted on SIGINT/SIGTERM (or by a test): long-running commands shut down cleanly and return. */
  signal: AbortSignal;
}

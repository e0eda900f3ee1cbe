/** Run a module's `main()` when its file is the program, and exit with its outcome. */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** True when the module at `moduleUrl` is the script node/tsx was started with. */
export function isProgram(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/**
 * Runs `main` if `moduleUrl` is the program: on success sets exit code 0 and lets the process end
 * by itself (every server, worker and socket is closed by then); on failure prints the error and
 * exits 1.
 */
export function runIfProgram(moduleUrl: string, main: () => Promise<unknown>): void {
  if (!isProgram(moduleUrl)) return;
  main().then(
    () => {
      process.exitCode = 0;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    },
  );
}

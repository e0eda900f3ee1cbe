/** Run a module's `main()` when its file is the program, and exit with its outcome. */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DataDirectoryInUseError, NativeModuleError } from '@swf-flow/server';
import { watchLauncher } from '@swf-flow/common';
import { DATA_DIR_ENV, localDataDir } from './data-dir.js';

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
 * What a failure of `main` prints: for an error about this machine's setup whose message says what
 * to do (SQLite's native module built for another Node.js, the data directory used by another
 * service), the message alone; for anything else, the stack. When the directory in use is the
 * default one (`$SWF_FLOW_DATA`, else `./.swf-flow`), it adds how to give this program another,
 * since the message's `--data` is a flag of `swf-flow server`, not of `npm start`.
 */
export function failureText(err: unknown, env: NodeJS.ProcessEnv = process.env): string {
  if (err instanceof DataDirectoryInUseError && err.dataDir === localDataDir(env)) {
    return (
      `${err.name}: ${err.message}\n` +
      `To run this beside it, give this program another data directory: ${DATA_DIR_ENV}=./.swf-flow-2 npm start ` +
      `(or ${DATA_DIR_ENV}=:memory: to keep nothing)`
    );
  }
  if (err instanceof NativeModuleError || err instanceof DataDirectoryInUseError) return `${err.name}: ${err.message}`;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/**
 * Runs `main` if `moduleUrl` is the program: on success sets exit code 0 and lets the process end
 * by itself (every server, worker and socket is closed by then); started by npm (`npm start`), it
 * gets SIGTERM when npm is gone (`watchLauncher` of `@swf-flow/common`); on failure prints the error
 * (for a setup error that says what to do, like `NativeModuleError`, its message without a stack)
 * and exits 1.
 */
export function runIfProgram(moduleUrl: string, main: () => Promise<unknown>): void {
  if (!isProgram(moduleUrl)) return;
  const unwatch = watchLauncher();
  main().then(
    () => {
      unwatch();
      process.exitCode = 0;
    },
    (err: unknown) => {
      console.error(failureText(err));
      process.exit(1);
    },
  );
}

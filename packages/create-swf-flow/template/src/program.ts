/**
 * Whether a module is the program node (or tsx) was started with, rather than imported by another:
 * worker.ts and starter.ts run only then, so that main.ts can import what they export.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** True when `moduleUrl` (a module's `import.meta.url`) is the script this process was started with. */
export function isProgram(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/** Where the local service keeps its data while you develop. */
import { resolve } from 'node:path';

/** The variable that overrides the data directory (`:memory:` keeps nothing). */
export const DATA_DIR_ENV = 'SWF_FLOW_DATA';

/** `$SWF_FLOW_DATA`, else `./.swf-flow` (relative to the current directory), as an absolute path. */
export function localDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env[DATA_DIR_ENV] || './.swf-flow';
  return dir === ':memory:' ? dir : resolve(dir);
}

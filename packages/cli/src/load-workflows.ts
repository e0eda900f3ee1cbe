/**
 * Loads `--workflows <module>` for `swf-flow replay`: imports the module and indexes every exported
 * workflow function by its SWF type name (`defineWorkflow`'s name, else the function's name).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type WorkflowFunction, workflowTypeInfo } from '@swf-flow/common';
import { UsageError } from './args.js';

function isClass(fn: unknown): boolean {
  return Function.prototype.toString.call(fn).startsWith('class');
}

async function importModule(command: string, path: string): Promise<Record<string, unknown>> {
  const file = resolve(path);
  if (!existsSync(file))
    throw new UsageError(
      `${command}: --workflows ${path}: no such file; pass the path of the module that exports your workflow functions`,
    );
  try {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const hint =
      e.code === 'ERR_UNKNOWN_FILE_EXTENSION'
        ? "; a .ts module needs tsx (run 'npx tsx node_modules/.bin/swf-flow ...', or the repository's 'npx swf-flow'), or point at the built .js, which works everywhere"
        : '';
    throw new Error(`cannot load the --workflows module ${path}: ${e.message ?? String(err)}${hint}`, { cause: err });
  }
}

/**
 * Imports the module at `path` (relative to the working directory) and returns its exported
 * workflow functions keyed by workflow type name, as `replayHistories` takes them.
 * @throws UsageError when the file does not exist; Error when it cannot be imported, exports no
 *   workflow function, or exports two different functions for one type name.
 */
export async function loadWorkflows(command: string, path: string): Promise<Record<string, WorkflowFunction>> {
  const mod = await importModule(command, path);
  const byName: Record<string, WorkflowFunction> = {};
  const exportOf = new Map<string, string>();
  for (const [exportName, value] of Object.entries(mod)) {
    if (typeof value !== 'function' || isClass(value)) continue;
    let name: string;
    try {
      name = workflowTypeInfo(value as WorkflowFunction).name;
    } catch {
      continue; // not usable as a workflow (e.g. no name): not one
    }
    const known = byName[name];
    if (known === value) continue; // the same function exported twice (e.g. named and default)
    if (known) {
      throw new Error(
        `${path} exports two workflows of type ${name} (${exportOf.get(name) ?? '?'} and ${exportName}); ` +
          'a replay needs one function per type name: give the workflows distinct names or put them in separate modules',
      );
    }
    byName[name] = value as WorkflowFunction;
    exportOf.set(name, exportName);
  }
  if (Object.keys(byName).length === 0) {
    throw new Error(
      `${path} exports no workflow function; export the workflows your worker runs (e.g. export const helloWorld = defineWorkflow(...))`,
    );
  }
  return byName;
}

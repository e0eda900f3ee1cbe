/**
 * Loads `--workflows <module>` for `swf-flow replay`: imports the module and indexes every exported
 * workflow function by its SWF type name (`defineWorkflow`'s name, else the function's name).
 */
import { pathToFileURL } from 'node:url';
import { type WorkflowFunction, workflowTypeInfo } from '@swf-flow/common';
import { describeExports, workflowsImportError, workflowsModuleFile } from './workflows-module.js';

function isClass(fn: unknown): boolean {
  return Function.prototype.toString.call(fn).startsWith('class');
}

async function importModule(command: string, path: string): Promise<Record<string, unknown>> {
  const file = workflowsModuleFile(command, path);
  try {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    throw workflowsImportError(path, err);
  }
}

/**
 * Imports the module at `path` (relative to the working directory) and returns its exported
 * workflow functions keyed by workflow type name, as `replayHistories` takes them.
 * @throws UsageError when the path is not a JavaScript or TypeScript module file (missing, a
 *   directory, JSON, text: `workflows-module.ts`); Error when it cannot be imported (each cause
 *   said), exports no workflow function, or exports two different functions for one type name.
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
        `the --workflows module ${path} exports two workflows of type ${name} (${exportOf.get(name) ?? '?'} and ${exportName}); ` +
          'a replay needs one function per type name: give the workflows distinct names or put them in separate modules',
      );
    }
    byName[name] = value as WorkflowFunction;
    exportOf.set(name, exportName);
  }
  if (Object.keys(byName).length === 0) {
    throw new Error(
      `the --workflows module ${path} exports no workflow function (${describeExports(mod)}); ` +
        'export the workflows your worker runs (e.g. export const helloWorld = defineWorkflow(...)), or pass the module that does',
    );
  }
  return byName;
}

/**
 * Loads `--workflows <module>` for `swf-flow replay`: imports the module and indexes every exported
 * workflow function (one by one, or in an exported list) by its SWF type name (`defineWorkflow`'s name, else
 * the function's name).
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
 * workflow functions keyed by workflow type name, as `replayHistories` takes them: functions
 * exported one by one, and those in an exported array (the `workflows` list a worker module of
 * `npm create swf-flow` exports beside its `createWorker`).
 * @throws UsageError when the path is not a JavaScript or TypeScript module file (missing, a
 *   directory, JSON, text: `workflows-module.ts`); Error when it cannot be imported (each cause
 *   said), exports no workflow function, or exports two different functions for one type name.
 */
export async function loadWorkflows(command: string, path: string): Promise<Record<string, WorkflowFunction>> {
  const mod = await importModule(command, path);
  const byName: Record<string, WorkflowFunction> = {};
  const exportOf = new Map<string, string>();
  const add = (exportName: string, value: unknown): void => {
    if (typeof value !== 'function' || isClass(value)) return;
    let name: string;
    try {
      name = workflowTypeInfo(value as WorkflowFunction).name;
    } catch {
      return; // not usable as a workflow (e.g. no name): not one
    }
    const known = byName[name];
    if (known === value) return; // the same function exported twice (e.g. named and in a list)
    if (known) {
      throw new Error(
        `the --workflows module ${path} exports two workflows of type ${name} (${exportOf.get(name) ?? '?'} and ${exportName}); ` +
          'a replay needs one function per type name: give the workflows distinct names or put them in separate modules',
      );
    }
    byName[name] = value as WorkflowFunction;
    exportOf.set(name, exportName);
  };
  for (const [exportName, value] of Object.entries(mod)) {
    if (Array.isArray(value)) value.forEach((item: unknown, i) => add(`${exportName}[${i}]`, item));
    else add(exportName, value);
  }
  if (Object.keys(byName).length === 0) {
    throw new Error(
      `the --workflows module ${path} exports no workflow function (${describeExports(mod)}); ` +
        'export the workflows your worker runs (e.g. export const helloWorld = defineWorkflow(...)), or pass the module that does',
    );
  }
  return byName;
}

// A workflow module that imports @swf-flow/workflow first, then a library that captures globals at
// load time, and captures some itself: all of them are the patched ones.
import { workflowInfo } from '../index.js';
import { capturedValues } from './captured-at-load.js';

const ModuleDate = Date;
const moduleRandom = Math.random;

/** Returns what the load-time captures give in workflow code. */
export async function loadTimeCaptures(): Promise<unknown[]> {
  return [workflowInfo().runId, ...capturedValues(), new ModuleDate().getTime(), moduleRandom()];
}

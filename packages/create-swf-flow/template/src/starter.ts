/**
 * The starter: starts one `GreetingWorkflow` and waits for its result. `npm run starter -- Ada` (or,
 * built, `node dist/starter.js Ada`) runs it against the SWF the environment names (see worker.ts).
 */
import { randomUUID } from 'node:crypto';
import { WorkflowClient } from '@swf-flow/client';
import { isProgram } from './program.js';
import { DOMAIN } from './worker.js';
import { greetingWorkflow } from './workflows.js';

/** Starts a greeting for `name`; resolves with the workflow id and the greeting. */
export async function greet(client: WorkflowClient, name: string): Promise<{ workflowId: string; greeting: string }> {
  const handle = await client.start(greetingWorkflow, { workflowId: `greeting-${randomUUID()}`, args: [name] });
  return { workflowId: handle.workflowId, greeting: await handle.result() };
}

if (isProgram(import.meta.url)) {
  const { workflowId, greeting } = await greet(new WorkflowClient({ domain: DOMAIN }), process.argv[2] ?? 'World');
  console.log(`${workflowId}: ${greeting}`);
}

/**
 * The starter: starts one `GreetingWorkflow` and waits for its result. `npm run starter -- Ada` (or,
 * built, `node dist/starter.js Ada`) runs it against the SWF the environment names (see worker.ts).
 */
import { randomUUID } from 'node:crypto';
import { WorkflowClient } from '@swf-flow/client';
import { isProgram } from './program.js';
import { DOMAIN } from './worker.js';
import { greetingWorkflow } from './workflows.js';

/**
 * Starts a greeting for `name`; resolves with the workflow id and the greeting. `onStarted` hears
 * the workflow id as soon as the run has started, before its result.
 */
export async function greet(
  client: WorkflowClient,
  name: string,
  onStarted?: (workflowId: string) => void,
): Promise<{ workflowId: string; greeting: string }> {
  const handle = await client.start(greetingWorkflow, { workflowId: `greeting-${randomUUID()}`, args: [name] });
  onStarted?.(handle.workflowId);
  return { workflowId: handle.workflowId, greeting: await handle.result() };
}

/** The line to print when starting or waiting failed: the error, and what to do about an unknown domain or type. */
export function starterFailure(err: unknown): string {
  const { name, message } = err instanceof Error ? err : { name: 'Error', message: String(err) };
  const text = `${name}: ${message}`;
  if (name !== 'UnknownResourceFault') return text;
  return `${text} (the worker registers domain ${DOMAIN} and its types when it starts: start it first, npm run worker or node dist/worker.js, then this)`;
}

if (isProgram(import.meta.url)) {
  let waiting: NodeJS.Timeout | undefined;
  try {
    const { workflowId, greeting } = await greet(
      new WorkflowClient({ domain: DOMAIN }),
      process.argv[2] ?? 'World',
      (workflowId) => {
        // A run waits, silently, for a worker to decide it: say so if its result is slow to come.
        waiting = setTimeout(() => {
          console.error(`${workflowId} started, no result after 10 s: is a worker running (npm run worker)?`);
        }, 10_000);
      },
    );
    console.log(`${workflowId}: ${greeting}`);
  } catch (err) {
    console.error(`starter: ${starterFailure(err)}`);
    process.exitCode = 1;
  } finally {
    clearTimeout(waiting);
  }
}

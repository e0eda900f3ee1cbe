/**
 * `npm start`: the local SWF service (data in ./.swf-flow), the worker and a starter in one
 * process. Prints each history event as it lands, then the result, and stops. For development
 * only: `@swf-flow/dev` is a devDependency and `npm run build` leaves this file out.
 */
import { randomUUID } from 'node:crypto';
import { quietLogger, runIfProgram, runLocal } from '@swf-flow/dev';
import { createWorker, DOMAIN } from './worker.js';
import { greetingWorkflow } from './workflows.js';

runIfProgram(import.meta.url, () =>
  runLocal(
    { domain: DOMAIN, createWorkers: async (swf) => [await createWorker(swf, quietLogger)] },
    async ({ client, print, watch }) => {
      const handle = await client.start(greetingWorkflow, {
        workflowId: `greeting-${randomUUID()}`,
        args: [process.argv[2] ?? 'World'],
      });
      print(`started GreetingWorkflow ${handle.workflowId}`);
      const [, greeting] = await watch(handle);
      print(`result: ${greeting}`);
    },
  ),
);

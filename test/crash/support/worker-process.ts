/**
 * A worker in a process of its own, for the killed-worker tests (run through guarded.mjs):
 * `SWF_URL`, `SWF_DOMAIN`, `SWF_ROLE` (`decider` or `activities`). With `SWF_CRASH_ON_TASK=1` it
 * SIGKILLs itself as soon as a poll hands it a task: a worker that dies holding a task it will never
 * answer. Prints `ready` once its types are registered and it polls, and `ran <key>` per activity run.
 */
import { SWFClient } from '@aws-sdk/client-swf';
import type { Logger } from '@swf-flow/common';
import { Worker } from '@swf-flow/worker';
import { allWorkflows, CrashActivities, TASK_LIST } from './shapes.js';

const url = process.env.SWF_URL;
const domain = process.env.SWF_DOMAIN;
const role = process.env.SWF_ROLE;
if (!url || !domain || (role !== 'decider' && role !== 'activities'))
  throw new Error('set SWF_URL, SWF_DOMAIN and SWF_ROLE (decider or activities)');

const swf = new SWFClient({
  endpoint: url,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  maxAttempts: 3,
});
if (process.env.SWF_CRASH_ON_TASK === '1') {
  swf.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const output = result.output as { taskToken?: string };
      if (context.commandName?.startsWith('PollFor') && output.taskToken) {
        process.stdout.write(`took a task from ${String(context.commandName)}\n`, () =>
          process.kill(process.pid, 'SIGKILL'),
        );
        await new Promise(() => undefined); // never answers
      }
      return result;
    },
    { step: 'initialize', name: 'crashOnTask' },
  );
}
const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (m) => void process.stderr.write(`${m}\n`),
};
const worker = await Worker.create({
  swf,
  domain,
  taskList: TASK_LIST,
  identity: `${role}-${process.pid}`,
  workflows: role === 'decider' ? allWorkflows : [],
  activities: role === 'activities' ? [new CrashActivities((key) => void process.stdout.write(`ran ${key}\n`))] : [],
  logger: quiet,
  pollBackoffInitial: '50ms',
  pollBackoffMax: '500ms',
});
const running = worker.run();
process.stdout.write('ready\n');
await running;

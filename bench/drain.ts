/**
 * Draining a deep queue (target 3): the service (`SwfService`, its real engine and registry on an
 * in-memory SQLite database, called in-process so that only the claim is timed) with `n` tasks
 * queued on one task list; each `PollForDecisionTask` / `PollForActivityTask` claims one. Prints
 * the microseconds per claim for each n: with a claim that costs O(log n) the per-claim time hardly
 * grows with n; with one that sorts every ready task it grows in proportion to n (quadratic drain).
 *
 *     tsx bench/drain.ts [n ...]     # default 1000 10000
 */
import { SwfService } from '@swf-flow/server/embedding';
import { round } from './child.js';

const DOMAIN = 'drain';
const ACTS_PER_RUN = 100;

async function open(): Promise<SwfService> {
  const service = SwfService.open({ dataDir: ':memory:' });
  await service.handle('RegisterDomain', { name: DOMAIN, workflowExecutionRetentionPeriodInDays: '1' });
  await service.handle('RegisterWorkflowType', {
    domain: DOMAIN,
    name: 'w',
    version: '1',
    defaultTaskList: { name: 'decisions' },
    defaultTaskStartToCloseTimeout: '3600',
    defaultExecutionStartToCloseTimeout: '3600',
    defaultChildPolicy: 'TERMINATE',
  });
  await service.handle('RegisterActivityType', {
    domain: DOMAIN,
    name: 'a',
    version: '1',
    defaultTaskList: { name: 'activities' },
    defaultTaskStartToCloseTimeout: '3600',
    defaultTaskScheduleToStartTimeout: 'NONE',
    defaultTaskScheduleToCloseTimeout: 'NONE',
    defaultTaskHeartbeatTimeout: 'NONE',
  });
  return service;
}

async function start(service: SwfService, count: number, prefix: string): Promise<void> {
  for (let i = 0; i < count; i++)
    await service.handle('StartWorkflowExecution', {
      domain: DOMAIN,
      workflowId: `${prefix}-${i}`,
      workflowType: { name: 'w', version: '1' },
    });
}

/** µs per claim of `n` queued tasks, and checks every claim got a task. */
async function drain(service: SwfService, operation: string, taskList: string, n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const task = (await service.handle(operation, {
      domain: DOMAIN,
      taskList: { name: taskList },
      identity: 'drain',
    })) as { taskToken?: string };
    if (!task.taskToken) throw new Error(`${operation} ${i + 1} of ${n} found no task`);
  }
  return ((performance.now() - t0) * 1000) / n;
}

async function decisions(n: number): Promise<number> {
  const service = await open();
  try {
    await start(service, n, 'd');
    return await drain(service, 'PollForDecisionTask', 'decisions', n);
  } finally {
    service.close();
  }
}

async function activities(n: number): Promise<number> {
  const service = await open();
  try {
    const runs = Math.ceil(n / ACTS_PER_RUN);
    await start(service, runs, 'a');
    for (let r = 0; r < runs; r++) {
      const task = (await service.handle('PollForDecisionTask', {
        domain: DOMAIN,
        taskList: { name: 'decisions' },
      })) as { taskToken: string };
      const count = Math.min(ACTS_PER_RUN, n - r * ACTS_PER_RUN);
      await service.handle('RespondDecisionTaskCompleted', {
        taskToken: task.taskToken,
        decisions: Array.from({ length: count }, (_, i) => ({
          decisionType: 'ScheduleActivityTask',
          scheduleActivityTaskDecisionAttributes: {
            activityType: { name: 'a', version: '1' },
            activityId: `a-${i}`,
            input: String(i),
          },
        })),
      });
    }
    return await drain(service, 'PollForActivityTask', 'activities', n);
  } finally {
    service.close();
  }
}

async function main(): Promise<void> {
  const ns = process.argv.slice(2).map(Number);
  for (const n of ns.length > 0 ? ns : [1000, 10_000]) {
    await decisions(Math.min(n, 200)); // warm-up
    console.log(
      JSON.stringify({
        bench: 'drain',
        n,
        decisionClaimUs: round(await decisions(n)),
        activityClaimUs: round(await activities(n)),
      }),
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

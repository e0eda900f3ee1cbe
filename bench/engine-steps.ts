/**
 * The service's engine alone, with no HTTP: `SwfService.handle` on a data directory (durability
 * `full`, the group flush and the checkpoint thread as the server runs them), `workflows` runs at
 * once, each driven as the Worker drives one — a decider loop and an activity loop side by side,
 * so each poll is waiting when the other loop's answer makes its task ready — through `steps`
 * activity steps. CPU per step is the process's (all threads), after 5 warm-up runs.
 *
 *     npx tsx bench/engine-steps.ts [--workflows 20] [--steps 50]
 *
 * Set beside the split run's service process (`service.ts`), the difference is what the HTTP
 * layer and the kernel's socket work cost. Prints one JSON line (`bench: 'engine-steps'`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SwfService } from '@swf-flow/server/embedding';
import { round } from './child.js';
import { registerStepTypes, STEP_ACTIVITY_TYPE } from './register.js';

type Reply = Record<string, unknown>;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { workflows: { type: 'string', default: '20' }, steps: { type: 'string', default: '50' } },
  });
  const workflows = Number(values.workflows);
  const steps = Number(values.steps);
  const dir = mkdtempSync(join(tmpdir(), 'swf-flow-bench-engine-'));
  const service = SwfService.open({ dataDir: join(dir, 'data'), pollTimeoutMs: 5_000 });
  const call = async (op: string, input: Reply): Promise<Reply> => (await service.handle(op, input)) as Reply;

  /** One run through `steps` steps, its decider and activity loops side by side. */
  async function workflow(w: number): Promise<void> {
    await call('StartWorkflowExecution', {
      domain: 'bench',
      workflowId: `w${w}`,
      workflowType: { name: 'W', version: '1' },
      taskList: { name: `d${w}` },
    });
    const decider = async (): Promise<void> => {
      for (let i = 0; i <= steps;) {
        const task = await call('PollForDecisionTask', {
          domain: 'bench',
          taskList: { name: `d${w}` },
          maximumPageSize: 25,
          reverseOrder: true,
        });
        if (!task.taskToken) continue; // the poll timed out: poll again
        const decision =
          i === steps
            ? {
                decisionType: 'CompleteWorkflowExecution',
                completeWorkflowExecutionDecisionAttributes: { result: String(steps) },
              }
            : {
                decisionType: 'ScheduleActivityTask',
                scheduleActivityTaskDecisionAttributes: {
                  activityId: `a${i}`,
                  activityType: STEP_ACTIVITY_TYPE,
                  taskList: { name: `a${w}` },
                  input: `[${i}]`,
                },
              };
        await call('RespondDecisionTaskCompleted', { taskToken: task.taskToken, decisions: [decision] });
        i += 1;
      }
    };
    const worker = async (): Promise<void> => {
      for (let i = 0; i < steps;) {
        const task = await call('PollForActivityTask', { domain: 'bench', taskList: { name: `a${w}` } });
        if (!task.taskToken) continue;
        await call('RespondActivityTaskCompleted', { taskToken: task.taskToken, result: String(i) });
        i += 1;
      }
    };
    await Promise.all([decider(), worker()]);
  }

  try {
    await registerStepTypes(call);
    await Promise.all(Array.from({ length: 5 }, (_, w) => workflow(100_000 + w)));
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: workflows }, (_, w) => workflow(w)));
    const cpu = process.cpuUsage(c0);
    const total = workflows * steps;
    console.log(
      JSON.stringify({
        bench: 'engine-steps',
        workflows,
        steps: total,
        cpuMsPerStep: round((cpu.user + cpu.system) / 1000 / total, 3),
        wallMsPerStep: round((performance.now() - t0) / total, 3),
      }),
    );
  } finally {
    service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

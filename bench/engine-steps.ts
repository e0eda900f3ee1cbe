/**
 * The service's engine alone, with no HTTP: `SwfService.handle` on a data directory (durability
 * `full`, the group flush and the checkpoint thread as the server runs them), `workflows` runs at
 * once, each driven as the Worker drives one — a decider loop and an activity loop side by side,
 * so each poll is waiting when the other loop's answer makes its task ready — through `steps`
 * activity steps. CPU per step is the process's (all threads), after 5 warm-up runs.
 *
 *     npx tsx bench/engine-steps.ts [--workflows 20] [--steps 50] [--pages since-previous]
 *         [--durability full|normal] [--against ../before] [--rounds 6]
 *
 * `--pages since-previous` polls decision tasks as the Worker does with its cache warm
 * (`startAtPreviousStartedEvent`, reverse order, pages of up to 1,000 events: a page holds the
 * events since the previous decision); the default, `last-25`, asks for the newest 25 events.
 * `--durability normal` leaves the flush out (and its kernel time, the noisiest part of a step's CPU).
 * `--against DIR` opens the service of another checkout (its `packages/server/src`, e.g. a worktree
 * of `main`) beside this one in the same process; the two take `--rounds` rounds in turn (the
 * order swapped every round); each side's median CPU per step is printed beside its rounds, and the
 * median of the rounds' differences (this checkout's minus the other's).
 *
 * Each side also reports `mainCpuMsPerStep`, the CPU of this process's main thread alone (where
 * the engine runs; Linux's `/proc/thread-self/schedstat`, in ns): without the checkpoint and flush
 * threads and V8's helpers, whose work lands in whichever round it happens to fall, it is the
 * steadier figure for a change to the engine (`medianMainDifferenceMsPerStep`). Absent elsewhere.
 *
 * Set beside the split run's service process (`service.ts`), the difference is what the HTTP
 * layer and the kernel's socket work cost. Prints one JSON line (`bench: 'engine-steps'`).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SwfService } from '@swf-flow/server/embedding';
import { median, round } from './child.js';
import { registerStepTypes, STEP_ACTIVITY_TYPE } from './register.js';

type Reply = Record<string, unknown>;

const SCHEDSTAT = '/proc/thread-self/schedstat';
/** The main thread's CPU time so far in µs, where the kernel tells it (Linux), else undefined. */
const mainThreadCpuUs = (): number | undefined =>
  existsSync(SCHEDSTAT) ? Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]) / 1000 : undefined;
type Call = (op: string, input: Reply) => Promise<Reply>;
type Open = (options: { dataDir: string; pollTimeoutMs: number; durability: 'full' | 'normal' }) => {
  handle: SwfService['handle'];
  close(): void;
};

/** One run through `steps` steps, its decider and activity loops side by side. */
async function workflow(call: Call, id: string, steps: number, pages: string): Promise<void> {
  await call('StartWorkflowExecution', {
    domain: 'bench',
    workflowId: id,
    workflowType: { name: 'W', version: '1' },
    taskList: { name: `d${id}` },
  });
  const poll: Reply =
    pages === 'since-previous'
      ? { maximumPageSize: 1000, reverseOrder: true, startAtPreviousStartedEvent: true }
      : { maximumPageSize: 25, reverseOrder: true };
  const decider = async (): Promise<void> => {
    for (let i = 0; i <= steps;) {
      const task = await call('PollForDecisionTask', { domain: 'bench', taskList: { name: `d${id}` }, ...poll });
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
                taskList: { name: `a${id}` },
                input: `[${i}]`,
              },
            };
      await call('RespondDecisionTaskCompleted', { taskToken: task.taskToken, decisions: [decision] });
      i += 1;
    }
  };
  const worker = async (): Promise<void> => {
    for (let i = 0; i < steps;) {
      const task = await call('PollForActivityTask', { domain: 'bench', taskList: { name: `a${id}` } });
      if (!task.taskToken) continue;
      await call('RespondActivityTaskCompleted', { taskToken: task.taskToken, result: String(i) });
      i += 1;
    }
  };
  await Promise.all([decider(), worker()]);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      workflows: { type: 'string', default: '20' },
      steps: { type: 'string', default: '50' },
      pages: { type: 'string', default: 'last-25' },
      against: { type: 'string' },
      rounds: { type: 'string', default: '6' },
      durability: { type: 'string', default: 'full' },
    },
  });
  const workflows = Number(values.workflows);
  const steps = Number(values.steps);
  const pages = values.pages;
  if (pages !== 'last-25' && pages !== 'since-previous') throw new Error('--pages is last-25 or since-previous');
  const durability = values.durability;
  if (durability !== 'full' && durability !== 'normal') throw new Error('--durability is full or normal');
  const dir = mkdtempSync(join(tmpdir(), 'swf-flow-bench-engine-'));
  const opens: Array<[string, Open]> = [['this', (o) => SwfService.open(o)]];
  if (values.against) {
    const other = (await import(join(values.against, 'packages/server/src/embedding.ts'))) as {
      SwfService: { open: Open };
    };
    opens.push(['against', (o) => other.SwfService.open(o)]);
  }
  const sides = opens.map(([name, open]) => {
    const service = open({ dataDir: join(dir, name), pollTimeoutMs: 5_000, durability });
    const call: Call = async (op, input) => (await service.handle(op, input)) as Reply;
    const rounds: Array<{ cpuMsPerStep: number; wallMsPerStep: number; mainCpuMsPerStep?: number }> = [];
    return { name, service, call, rounds };
  });
  let next = 0;
  /** One round of `workflows` runs at once on one side. */
  const round1 = async (side: (typeof sides)[number]): Promise<void> => {
    const c0 = process.cpuUsage();
    const m0 = mainThreadCpuUs();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: workflows }, () => workflow(side.call, `w${next++}`, steps, pages)));
    const cpu = process.cpuUsage(c0);
    const m1 = mainThreadCpuUs();
    const total = workflows * steps;
    side.rounds.push({
      cpuMsPerStep: round((cpu.user + cpu.system) / 1000 / total, 3),
      wallMsPerStep: round((performance.now() - t0) / total, 3),
      ...(m0 !== undefined && m1 !== undefined ? { mainCpuMsPerStep: round((m1 - m0) / 1000 / total, 3) } : {}),
    });
  };
  try {
    for (const side of sides) {
      await registerStepTypes(side.call);
      await Promise.all(Array.from({ length: 5 }, () => workflow(side.call, `w${next++}`, steps, pages)));
    }
    const rounds = sides.length > 1 ? Number(values.rounds) : 1;
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) await round1(side);
    }
    const out: Record<string, unknown> = {
      bench: 'engine-steps',
      workflows,
      steps: workflows * steps,
      pages,
      durability,
    };
    for (const side of sides) {
      const prefix = side.name === 'this' ? '' : `${side.name}_`;
      out[`${prefix}cpuMsPerStep`] = round(median(side.rounds.map((x) => x.cpuMsPerStep)), 3);
      out[`${prefix}wallMsPerStep`] = round(median(side.rounds.map((x) => x.wallMsPerStep)), 3);
      if (rounds > 1) out[`${prefix}rounds`] = side.rounds.map((x) => x.cpuMsPerStep);
      const main = side.rounds.map((x) => x.mainCpuMsPerStep).filter((x) => x !== undefined);
      if (main.length === side.rounds.length) {
        out[`${prefix}mainCpuMsPerStep`] = round(median(main), 3);
        if (rounds > 1) out[`${prefix}mainRounds`] = main;
      }
    }
    if (sides.length > 1) {
      const [a, b] = sides as [(typeof sides)[number], (typeof sides)[number]];
      // The median of the rounds' differences: load that moves both sides of a round cancels out.
      out.medianDifferenceMsPerStep = round(
        median(a.rounds.map((x, i) => x.cpuMsPerStep - b.rounds[i]!.cpuMsPerStep)),
        3,
      );
      const mainDifferences = a.rounds.map((x, i) => {
        const other = b.rounds[i]!.mainCpuMsPerStep;
        return x.mainCpuMsPerStep !== undefined && other !== undefined ? x.mainCpuMsPerStep - other : undefined;
      });
      if (mainDifferences.every((x) => x !== undefined))
        out.medianMainDifferenceMsPerStep = round(median(mainDifferences as number[]), 3);
    }
    console.log(JSON.stringify(out));
  } finally {
    for (const side of sides) side.service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

/**
 * The workflows of the crash tests, one per shape: sequential activities, a durable timer between
 * activities, signals (deduplicated by id, since a signal retried after a lost answer may arrive
 * twice), and a child workflow. Timeouts are short, so that a task lost with a killed process comes
 * back within seconds; activities retry without limit.
 */
import { Activities, Activity } from '@swf-flow/activity';
import {
  condition,
  defineSignal,
  defineWorkflow,
  executeChild,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@swf-flow/workflow';

/** How many times each activity ran in this process, by `${workflowId}/${step}`. */
export const activityRuns = new Map<string, number>();

/** The task list of every workflow and activity here. */
export const TASK_LIST = 'crash';

@Activities({
  version: '1',
  startToCloseTimeout: '3s',
  scheduleToStartTimeout: 'NONE',
  scheduleToCloseTimeout: 'NONE',
  heartbeatTimeout: 'NONE',
})
export class CrashActivities {
  /** @param onRun called with the step's key on every run (a worker process prints it). */
  constructor(private readonly onRun: (key: string) => void = () => undefined) {}

  /** Returns `value + 1`; counts its runs. */
  @Activity({ name: 'Increment' })
  async increment(key: string, value: number): Promise<number> {
    activityRuns.set(key, (activityRuns.get(key) ?? 0) + 1);
    this.onRun(key);
    return value + 1;
  }
}

const acts = proxyActivities(CrashActivities, {
  startToCloseTimeout: '3s',
  retry: { initialInterval: '200ms', maximumInterval: '1s' },
});
const TYPE = {
  version: '1',
  taskList: TASK_LIST,
  taskStartToCloseTimeout: '3s',
  executionStartToCloseTimeout: '1 hour',
} as const;

/** `steps` activities in a row, each adding one to `start`. */
export const sequential = defineWorkflow(
  async (steps: number, start: number): Promise<number> => {
    let value = start;
    for (let i = 0; i < steps; i++) value = await acts.increment(`${workflowInfo().workflowId}/${i}`, value);
    return value;
  },
  { name: 'CrashSequential', ...TYPE },
);

/** An activity, a one-second timer, another activity. */
export const withTimer = defineWorkflow(
  async (): Promise<number> => {
    const id = workflowInfo().workflowId;
    const first = await acts.increment(`${id}/0`, 0);
    await sleep('1s');
    return acts.increment(`${id}/1`, first);
  },
  { name: 'CrashTimer', ...TYPE },
);

/** The signal the signal-shaped workflow waits for; its argument is a unique id. */
export const addItem = defineSignal<[string]>('addItem');

/** Waits for `count` distinct signalled ids, then returns them sorted and joined. */
export const withSignals = defineWorkflow(
  async (count: number): Promise<string> => {
    const ids = new Set<string>();
    setHandler(addItem, (id) => void ids.add(id));
    await condition(() => ids.size >= count);
    return [...ids].sort().join(',');
  },
  { name: 'CrashSignals', ...TYPE },
);

/** Runs `sequential(2, 10)` as a child and doubles its result. */
export const withChild = defineWorkflow(
  async (): Promise<number> => {
    const child = await executeChild(sequential, { args: [2, 10], workflowId: `${workflowInfo().workflowId}-child` });
    return child * 2;
  },
  { name: 'CrashChild', ...TYPE },
);

/** Every workflow here, for a worker. */
export const allWorkflows = [sequential, withTimer, withSignals, withChild];

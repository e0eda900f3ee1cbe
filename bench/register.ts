/**
 * The domain and types the step benchmarks that drive the service by hand (`commit-pages.ts`,
 * `durability.ts`, `history-page.ts`) register: domain `bench`, workflow type `W` 1 deciding on task list `d`,
 * activity type `A` 1 on task list `a`, no timeouts that could fire during a run.
 */

/** Sends one SWF operation (in process or over HTTP) and resolves with its output. */
export type Call = (operation: string, input: Record<string, unknown>) => Promise<unknown>;

/** The activity type {@link registerStepTypes} registers. */
export const STEP_ACTIVITY_TYPE = { name: 'A', version: '1' } as const;

/** Registers domain `bench`, workflow type `W` 1 (task list `d`) and {@link STEP_ACTIVITY_TYPE} (task list `a`). */
export async function registerStepTypes(call: Call): Promise<void> {
  await call('RegisterDomain', { name: 'bench', workflowExecutionRetentionPeriodInDays: '1' });
  await call('RegisterWorkflowType', {
    domain: 'bench',
    name: 'W',
    version: '1',
    defaultTaskList: { name: 'd' },
    defaultTaskStartToCloseTimeout: '60',
    defaultExecutionStartToCloseTimeout: '86400',
    defaultChildPolicy: 'TERMINATE',
  });
  await call('RegisterActivityType', {
    domain: 'bench',
    ...STEP_ACTIVITY_TYPE,
    defaultTaskList: { name: 'a' },
    defaultTaskScheduleToStartTimeout: 'NONE',
    defaultTaskScheduleToCloseTimeout: 'NONE',
    defaultTaskStartToCloseTimeout: '60',
    defaultTaskHeartbeatTimeout: 'NONE',
  });
}

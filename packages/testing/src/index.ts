/**
 * @module @swf-flow/testing
 *
 * Test workflows by replaying histories: recorded ones (JSON files saved with `swf-flow history
 * --json`, which keeps the execution's ids beside the events, or from `aws swf
 * get-workflow-execution-history`) and ones built in the test with `historyBuilder()`.
 * A replay runs the workflow code exactly as a decider would, with no SWF and no worker, and
 * returns what the code decides; a change that breaks running executions fails with
 * `NonDeterminismError`.
 *
 * `TestWorkflowEnvironment` runs real workers against the local SWF service inside the test
 * process (no socket) and skips time: a workflow that sleeps a day finishes in milliseconds.
 *
 * @example
 * ```ts
 * import { historyBuilder, replayHistory, replayHistories, TestWorkflowEnvironment } from '@swf-flow/testing';
 *
 * it('schedules B with A's result', async () => {
 *   const history = historyBuilder({ workflowType: 'SerialWorkflow' })
 *     .workflowStarted().decisionTask()
 *     .activityScheduled('ActivityA').activityStarted().activityCompleted(1700000001512)
 *     .openDecisionTask()
 *     .build();
 *   const { decisions } = await replayHistory(history, serialWorkflow);
 *   expect(decisions).toMatchObject([{ decisionType: 'ScheduleActivityTask',
 *     scheduleActivityTaskDecisionAttributes: { activityType: { name: 'ActivityB' }, input: '[1700000001512]' } }]);
 * });
 *
 * it('replays every recorded history', () => replayHistories('test/fixtures', { SerialWorkflow: serialWorkflow }));
 *
 * it('greets a day later, in milliseconds', async () => {
 *   const env = await TestWorkflowEnvironment.create();
 *   const worker = await env.createWorker({ taskList: 'reminders', workflows: [remindTomorrow], activities: [new Greeter()] });
 *   const handle = await env.client.start(remindTomorrow, { workflowId: 'remind-ada', args: ['Ada'] });
 *   expect(await worker.runUntil(handle.result())).toBe('Hello, Ada!');
 *   await env.teardown();
 * });
 * ```
 */
export { replayHistory } from './replay-history.js';
export type { ReplayOptions, ReplayResult, WorkflowFunction, WorkflowsToReplay } from './replay-history.js';
export { replayHistories, HistoryReplayError } from './replay-histories.js';
export type { HistoryReplayReport, ReplayHistoriesOptions } from './replay-histories.js';
export { loadHistory, loadFixture } from './load-history.js';
export type { HistorySource, HistoryFixture, ExecutionIds } from './load-history.js';
export { historyBuilder, HistoryBuilder } from './history-builder.js';
export type { HistoryJson, HistoryEventJson } from './history-builder/history-json.js';
export type {
  TypeRef,
  WorkflowStartedOptions,
  ActivityScheduledOptions,
  ChildOptions,
} from './history-builder/builder-options.js';
export { TestWorkflowEnvironment } from './environment/test-environment.js';
export type { TestWorkflowEnvironmentOptions, TestWorkerOptions } from './environment/test-environment.js';
export { TestWorkflowClient, TestWorkflowHandle } from './environment/test-workflow-client.js';

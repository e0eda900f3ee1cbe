/** The SWF calls a worker makes (poll, respond, heartbeat, read history), over one `SWFClient`. */
import {
  GetWorkflowExecutionHistoryCommand,
  PollForActivityTaskCommand,
  PollForDecisionTaskCommand,
  RecordActivityTaskHeartbeatCommand,
  RespondActivityTaskCanceledCommand,
  RespondActivityTaskCompletedCommand,
  RespondActivityTaskFailedCommand,
  RespondDecisionTaskCompletedCommand,
  type SWFClient,
} from '@aws-sdk/client-swf';
import type { Decision } from '@swf-flow/common';
import type { ActivityResponder, ActivityTask } from './activity-runner.js';
import type { DecisionTask } from './decider.js';
import type { HistoryPageSource } from './history-reader.js';

/**
 * The SWF calls of a worker, over an `SWFClient`. With `onlyNewEvents` (a worker that caches runs)
 * decision tasks are polled with `startAtPreviousStartedEvent`: the page holds the events since the
 * run's previous decision task, which is what a cached run needs; a run not cached reads the older
 * events with `GetWorkflowExecutionHistory`.
 */
export function swfPorts(
  swf: SWFClient,
  domain: string,
  identity: string,
  historyPageSize: number,
  onlyNewEvents = false,
) {
  const history: HistoryPageSource = async ({ execution, reverseOrder, maximumPageSize, nextPageToken }) => {
    const page = await swf.send(
      new GetWorkflowExecutionHistoryCommand({ domain, execution, reverseOrder, maximumPageSize, nextPageToken }),
    );
    return { events: page.events ?? [], nextPageToken: page.nextPageToken || undefined };
  };

  const pollDecisionTask = async (taskList: string, signal: AbortSignal): Promise<DecisionTask | undefined> => {
    const out = await swf.send(
      new PollForDecisionTaskCommand({
        domain,
        taskList: { name: taskList },
        identity,
        reverseOrder: true,
        maximumPageSize: historyPageSize,
        ...(onlyNewEvents ? { startAtPreviousStartedEvent: true } : {}),
      }),
      { abortSignal: signal },
    );
    if (!out.taskToken) return undefined;
    return {
      taskToken: out.taskToken,
      workflowExecution: {
        workflowId: out.workflowExecution?.workflowId ?? '',
        runId: out.workflowExecution?.runId ?? '',
      },
      startedEventId: out.startedEventId ?? 0,
      previousStartedEventId: out.previousStartedEventId,
      events: out.events ?? [],
      nextPageToken: out.nextPageToken || undefined,
    };
  };

  const pollActivityTask = async (taskList: string, signal: AbortSignal): Promise<ActivityTask | undefined> => {
    const out = await swf.send(new PollForActivityTaskCommand({ domain, taskList: { name: taskList }, identity }), {
      abortSignal: signal,
    });
    if (!out.taskToken) return undefined;
    return {
      taskToken: out.taskToken,
      activityId: out.activityId ?? '',
      startedEventId: out.startedEventId,
      workflowExecution: {
        workflowId: out.workflowExecution?.workflowId ?? '',
        runId: out.workflowExecution?.runId ?? '',
      },
      activityType: { name: out.activityType?.name ?? '', version: out.activityType?.version ?? '' },
      input: out.input,
    };
  };

  // The answers hand back the SDK's own promise: no async wrapper (a promise and a turn) per answer.
  const respondDecision = (input: {
    taskToken: string;
    decisions: Decision[];
    executionContext?: string;
  }): Promise<unknown> => swf.send(new RespondDecisionTaskCompletedCommand(input));

  const activityResponder: ActivityResponder = {
    completed: (taskToken, result) => swf.send(new RespondActivityTaskCompletedCommand({ taskToken, result })),
    failed: (taskToken, reason, details) =>
      swf.send(new RespondActivityTaskFailedCommand({ taskToken, reason, details })),
    canceled: (taskToken, details) => swf.send(new RespondActivityTaskCanceledCommand({ taskToken, details })),
    async heartbeat(taskToken, details) {
      const out = await swf.send(new RecordActivityTaskHeartbeatCommand({ taskToken, details }));
      return { cancelRequested: out.cancelRequested === true };
    },
  };

  return { history, pollDecisionTask, pollActivityTask, respondDecision, activityResponder };
}

/**
 * The approval workflow: ask for an approval, then wait for an `approve` or `reject` signal with
 * `condition(fn, timeout)`. Every `remindEvery` without an answer (a durable timer) it sends a
 * reminder; after `timeout` in all it gives up.
 */
import { parseDuration, type Duration } from '@swf-flow/common';
import { condition, defineSignal, defineWorkflow, proxyActivities, setHandler } from '@swf-flow/workflow';
import { ApprovalActivities, type ExpenseRequest } from './activities.js';

const acts = proxyActivities(ApprovalActivities);

/** Signal `approve(by)`. */
export const approveSignal = defineSignal<[by: string]>('approve');
/** Signal `reject(by, reason)`. */
export const rejectSignal = defineSignal<[by: string, reason: string]>('reject');

/** How long to wait. */
export interface ApprovalPolicy {
  /** Time between reminders. @default '1 hour' */
  remindEvery?: Duration;
  /** Time to wait for an answer in all. @default '1 day' */
  timeout?: Duration;
}

/** How the request ended. */
export type ApprovalResult =
  | { status: 'APPROVED'; by: string; reminders: number }
  | { status: 'REJECTED'; by: string; reason: string; reminders: number }
  | { status: 'TIMED_OUT'; reminders: number };

type Answer = { approved: true; by: string } | { approved: false; by: string; reason: string };

/** Workflow type `ExpenseApproval` 1.0 on task list `approval`. */
export const expenseApproval = defineWorkflow(
  async function expenseApproval(request: ExpenseRequest, policy: ApprovalPolicy = {}): Promise<ApprovalResult> {
    let answer: Answer | undefined;
    setHandler(approveSignal, (by) => void (answer ??= { approved: true, by }));
    setHandler(rejectSignal, (by, reason) => void (answer ??= { approved: false, by, reason }));
    const remindMs = parseDuration(policy.remindEvery ?? '1 hour', 'remindEvery');
    const timeoutMs = parseDuration(policy.timeout ?? '1 day', 'timeout');

    await acts.requestApproval(request);
    let waited = 0;
    let reminders = 0;
    while (answer === undefined && waited < timeoutMs) {
      const wait = Math.min(remindMs, timeoutMs - waited);
      if (await condition(() => answer !== undefined, wait)) break;
      waited += wait;
      if (waited < timeoutMs) await acts.sendReminder(request, ++reminders);
    }
    const final = answer as Answer | undefined;
    if (final === undefined) return { status: 'TIMED_OUT', reminders };
    return final.approved
      ? { status: 'APPROVED', by: final.by, reminders }
      : { status: 'REJECTED', by: final.by, reason: final.reason, reminders };
  },
  {
    name: 'ExpenseApproval',
    version: '1.0',
    taskList: 'approval',
    executionStartToCloseTimeout: '30 days',
    taskStartToCloseTimeout: '1 minute',
  },
);

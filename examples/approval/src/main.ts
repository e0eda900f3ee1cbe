/**
 * approval, end to end: an expense waits for an `approve` signal with a timeout (`condition`), and
 * a timer-driven reminder goes out every 2 seconds without an answer. Here the approver answers
 * after the first reminder; with `--no-answer` nobody does and the request times out after 6 s.
 *
 *     npx tsx examples/approval/src/main.ts [--no-answer]
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@swf-flow/client';
import type { Logger } from '@swf-flow/common';
import { Worker, type SwfClientLike } from '@swf-flow/worker';
import { quietLogger, runIfProgram, runLocal, waitFor } from '@swf-flow/dev';
import { ApprovalActivities } from './activities.js';
import { approveSignal, expenseApproval, type ApprovalResult } from './workflows.js';

/** The domain the example works in. */
export const DOMAIN = 'approval';

/** One worker on task list `approval`: the decider and the two activities. */
export async function createWorkers(
  swf: SwfClientLike,
  logger: Logger = quietLogger,
  activities = new ApprovalActivities(),
): Promise<Worker[]> {
  return [
    await Worker.create({
      swf,
      domain: DOMAIN,
      taskList: 'approval',
      workflows: [expenseApproval],
      activities: [activities],
      logger,
    }),
  ];
}

/** Resolves once the history shows `count` completed `SendReminder` activities. */
export async function remindersSent(handle: WorkflowHandle, count: number, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    async () => {
      const history = await handle.history();
      const reminders = new Set(
        history
          .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'SendReminder')
          .map((e) => e.eventId),
      );
      return (
        history.filter((e) => reminders.has(e.activityTaskCompletedEventAttributes?.scheduledEventId)).length >= count
      );
    },
    { what: `${count} reminder(s)`, timeoutMs },
  );
}

/** Options of {@link main}. */
export interface MainOptions {
  /** The local service's data directory, or `':memory:'`. @default $SWF_FLOW_DATA or ./.swf-flow */
  dataDir?: string;
  /** Approve after the first reminder (else never answer). @default true */
  answer?: boolean;
  /** Where progress lines go. @default console.log */
  print?: (line: string) => void;
}

/** Runs the example once; resolves with how the request ended. */
export async function main(options: MainOptions = {}): Promise<ApprovalResult> {
  return runLocal(
    { domain: DOMAIN, createWorkers, dataDir: options.dataDir, print: options.print },
    async ({ client, print, follow }) => {
      const request = { id: `exp-${randomUUID().slice(0, 8)}`, amount: 1200, approver: 'alice' };
      const handle = await client.start(expenseApproval, {
        workflowId: request.id,
        args: [request, { remindEvery: '2s', timeout: '6s' }],
      });
      print(`started ExpenseApproval ${handle.workflowId}: reminders every 2s, gives up after 6s`);
      const following = follow(handle);
      if (options.answer ?? true) {
        await remindersSent(handle, 1);
        print('>>> alice approves');
        await handle.signal(approveSignal, 'alice');
      }
      const [, result] = await Promise.all([following, handle.result()]);
      print(`result: ${JSON.stringify(result)}`);
      return result;
    },
  );
}

runIfProgram(import.meta.url, () => main({ answer: !process.argv.includes('--no-answer') }));

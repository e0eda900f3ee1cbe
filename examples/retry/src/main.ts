/**
 * retry, end to end: a payment gateway that fails the first attempts; the workflow retries with
 * exponential back-off (durable timers of 1 s, 2 s, ...) until it succeeds. Prints each event as it
 * lands, then the receipt and the attempt count read from the history.
 *
 *     npx tsx examples/retry/src/main.ts [failures=2]
 */
import { randomUUID } from 'node:crypto';
import type { HistoryEvent, Logger } from '@swf-flow/common';
import { Worker, type SwfClientLike } from '@swf-flow/worker';
import { quietLogger, runIfProgram, runLocal } from '@swf-flow/dev';
import { FlakyGatewayActivities, type Receipt } from './activities.js';
import { chargeWithRetry } from './workflows.js';

/** The domain the example works in. */
export const DOMAIN = 'retry';

/** One worker on task list `retry`: the decider and the flaky gateway. */
export async function createWorkers(
  swf: SwfClientLike,
  logger: Logger = quietLogger,
  gateway = new FlakyGatewayActivities(),
): Promise<Worker[]> {
  return [
    await Worker.create({
      swf,
      domain: DOMAIN,
      taskList: 'retry',
      workflows: [chargeWithRetry],
      activities: [gateway],
      logger,
    }),
  ];
}

/** What the history says about the attempts: one scheduled activity task per attempt, and the back-off timers between. */
export function attemptsIn(history: HistoryEvent[]): { attempts: number; failed: number; backoffSeconds: number[] } {
  return {
    attempts: history.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'ChargePayment')
      .length,
    failed: history.filter((e) => e.eventType === 'ActivityTaskFailed').length,
    backoffSeconds: history.flatMap((e) =>
      e.timerStartedEventAttributes ? [Number(e.timerStartedEventAttributes.startToFireTimeout)] : [],
    ),
  };
}

/** Options of {@link main}. */
export interface MainOptions {
  /** The local service's data directory, or `':memory:'`. @default $SWF_FLOW_DATA or ./.swf-flow */
  dataDir?: string;
  /** How many attempts the gateway fails before one succeeds. @default 2 */
  failures?: number;
  /** Where progress lines go. @default console.log */
  print?: (line: string) => void;
}

/** Runs the example once; resolves with the receipt. */
export async function main(options: MainOptions = {}): Promise<Receipt> {
  return runLocal(
    { domain: DOMAIN, createWorkers, dataDir: options.dataDir, print: options.print },
    async ({ client, print, watch }) => {
      const paymentId = `pay-${randomUUID().slice(0, 8)}`;
      const handle = await client.start(chargeWithRetry, {
        workflowId: paymentId,
        args: [paymentId, 42.5, options.failures ?? 2],
      });
      print(`started ChargeWithRetry ${handle.workflowId}`);
      const [runs, receipt] = await watch(handle);
      const seen = attemptsIn(runs.flat());
      print(
        `result: payment ${receipt.paymentId} charged on attempt ${receipt.attempt}; history: ${seen.attempts} attempts, ${seen.failed} failed, back-off timers ${seen.backoffSeconds.map((s) => `${s}s`).join(', ') || 'none'}`,
      );
      return receipt;
    },
  );
}

runIfProgram(import.meta.url, () => main({ failures: Number(process.argv[2] ?? 2) }));

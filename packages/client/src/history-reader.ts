/** Reads a run's history page by page, oldest or newest first. */
import { GetWorkflowExecutionHistoryCommand, type SWFClient } from '@aws-sdk/client-swf';
import type { HistoryEvent } from '@swf-flow/common';

/** Reads every event of a run, oldest first (or newest first), page by page. */
export async function* historyEvents(
  swf: SWFClient,
  domain: string,
  execution: { workflowId: string; runId: string },
  options: { reverseOrder?: boolean; pageSize?: number } = {},
): AsyncGenerator<HistoryEvent> {
  let nextPageToken: string | undefined;
  do {
    const page = await swf.send(
      new GetWorkflowExecutionHistoryCommand({
        domain,
        execution,
        nextPageToken,
        reverseOrder: options.reverseOrder,
        maximumPageSize: options.pageSize ?? 1000,
      }),
    );
    yield* page.events ?? [];
    nextPageToken = page.nextPageToken || undefined;
  } while (nextPageToken);
}

/** The newest event of a run. */
export async function lastEvent(
  swf: SWFClient,
  domain: string,
  execution: { workflowId: string; runId: string },
): Promise<HistoryEvent | undefined> {
  const page = await swf.send(
    new GetWorkflowExecutionHistoryCommand({ domain, execution, reverseOrder: true, maximumPageSize: 1 }),
  );
  return page.events?.[0];
}

/** Lists executions with SWF's filters (open or closed, by id, type, tag or close status), page by page. */
import {
  ListClosedWorkflowExecutionsCommand,
  ListOpenWorkflowExecutionsCommand,
  type CloseStatus,
  type SWFClient,
  type WorkflowExecutionInfo,
} from '@aws-sdk/client-swf';
import { ValidationError, shownValue } from '@swf-flow/common';

/** Which executions `WorkflowClient.list` returns. At most one of `workflowId`, `type`, `tag`, `closeStatus`. */
export interface ListFilter {
  /** Open or closed executions. @default 'OPEN' */
  status?: 'OPEN' | 'CLOSED';
  /** Only executions of this workflow type (version optional). */
  type?: { name: string; version?: string };
  /** Only executions with this tag. */
  tag?: string;
  /** Only executions with this workflow id. */
  workflowId?: string;
  /** Only closed executions that closed this way (with `status: 'CLOSED'`). */
  closeStatus?: CloseStatus;
  /** Only executions started at or after this time. @default the epoch */
  startedAfter?: Date;
  /** Only executions started at or before this time. */
  startedBefore?: Date;
  /** Only executions closed at or after this time (with `status: 'CLOSED'`; not with `startedAfter`/`startedBefore`). */
  closedAfter?: Date;
  /** Only executions closed at or before this time (with `status: 'CLOSED'`; not with `startedAfter`/`startedBefore`). */
  closedBefore?: Date;
  /** Newest first instead of oldest first. @default true */
  newestFirst?: boolean;
  /** Executions fetched per request (1–1000). @default 100 */
  pageSize?: number;
}

/** Checks a {@link ListFilter}: SWF accepts only one of workflowId, type, tag and closeStatus. */
export function checkListFilter(filter: ListFilter): void {
  const status = filter.status ?? 'OPEN';
  if (status !== 'OPEN' && status !== 'CLOSED')
    throw new ValidationError(`list status must be 'OPEN' or 'CLOSED'; got ${shownValue(status)}`);
  const given = (['workflowId', 'type', 'tag', 'closeStatus'] as const).filter((k) => filter[k] !== undefined);
  if (given.length > 1)
    throw new ValidationError(
      `list accepts at most one of workflowId, type, tag and closeStatus (SWF allows one filter); got ${given.join(', ')}`,
    );
  if (filter.closeStatus !== undefined && status !== 'CLOSED')
    throw new ValidationError("closeStatus needs status: 'CLOSED'");
  const byClose = filter.closedAfter !== undefined || filter.closedBefore !== undefined;
  if (byClose && status !== 'CLOSED') throw new ValidationError("closedAfter/closedBefore need status: 'CLOSED'");
  if (byClose && (filter.startedAfter !== undefined || filter.startedBefore !== undefined)) {
    throw new ValidationError('list filters by start time or by close time, not both (SWF allows one time filter)');
  }
  const pageSize = filter.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
    throw new ValidationError(`pageSize must be an integer between 1 and 1000; got ${pageSize}`);
}

/** Lists executions, page by page (`nextPageToken`), as an async iterable. */
export async function* listExecutions(
  swf: SWFClient,
  domain: string,
  filter: ListFilter = {},
): AsyncGenerator<WorkflowExecutionInfo> {
  checkListFilter(filter);
  const byClose = filter.closedAfter !== undefined || filter.closedBefore !== undefined;
  const startTimeFilter = { oldestDate: filter.startedAfter ?? new Date(0), latestDate: filter.startedBefore };
  const common = {
    domain,
    executionFilter: filter.workflowId === undefined ? undefined : { workflowId: filter.workflowId },
    typeFilter: filter.type,
    tagFilter: filter.tag === undefined ? undefined : { tag: filter.tag },
    // SWF lists newest first by default; its reverseOrder means oldest first.
    reverseOrder: !(filter.newestFirst ?? true),
    maximumPageSize: filter.pageSize ?? 100,
  };
  let nextPageToken: string | undefined;
  do {
    const page =
      filter.status === 'CLOSED'
        ? await swf.send(
            new ListClosedWorkflowExecutionsCommand({
              ...common,
              nextPageToken,
              closeStatusFilter: filter.closeStatus === undefined ? undefined : { status: filter.closeStatus },
              ...(byClose
                ? {
                    closeTimeFilter: { oldestDate: filter.closedAfter ?? new Date(0), latestDate: filter.closedBefore },
                  }
                : { startTimeFilter }),
            }),
          )
        : await swf.send(new ListOpenWorkflowExecutionsCommand({ ...common, startTimeFilter, nextPageToken }));
    yield* page.executionInfos ?? [];
    nextPageToken = page.nextPageToken || undefined;
  } while (nextPageToken);
}

/** The run id of a workflow id's open run, else of its most recently started closed run. */
export async function findLatestRunId(swf: SWFClient, domain: string, workflowId: string): Promise<string> {
  for (const status of ['OPEN', 'CLOSED'] as const) {
    for await (const info of listExecutions(swf, domain, { status, workflowId, pageSize: 1 })) {
      if (info.execution?.runId) return info.execution.runId;
    }
  }
  throw new ValidationError(`no execution with workflow id '${workflowId}' in domain ${domain}`);
}

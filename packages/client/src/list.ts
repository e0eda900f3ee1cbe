/** Lists executions with SWF's filters (open or closed, by id, type, tag or close status), page by page. */
import {
  ListClosedWorkflowExecutionsCommand,
  ListOpenWorkflowExecutionsCommand,
  type SWFClient,
  type WorkflowExecutionInfo,
} from '@aws-sdk/client-swf';
import { ValidationError } from '@swf-flow/common';
import { checkListFilter, type ListFilter } from './list-filter.js';

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

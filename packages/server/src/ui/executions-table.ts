/** A table of executions (ListOpen/ListClosedWorkflowExecutions' `executionInfos`), shared by the home and domain pages. */
import { type Html, badge, formatTime, html } from './html.js';
import { domainHref, executionHref } from './links.js';
import type { WorkflowExecutionInfo } from '../model/wire-types.js';

/** Options of {@link executionsTable}. */
export interface ExecutionsTableOptions {
  /** Show a domain column (the home page lists several domains). */
  domainOf?: (info: WorkflowExecutionInfo) => string;
}

/** The executions as rows: workflow id and run linking to the run's page, type, status badge, times, tags. */
export function executionsTable(
  domain: string,
  infos: readonly WorkflowExecutionInfo[],
  options: ExecutionsTableOptions = {},
): Html {
  const rows = infos.map((e) => {
    const d = options.domainOf?.(e) ?? domain;
    const href = executionHref(d, e.execution.workflowId, e.execution.runId);
    const status = e.closeStatus ?? e.executionStatus;
    return html`<tr class="execution">${options.domainOf ? html`<td><a href="${domainHref(d)}">${d}</a></td>` : ''}
<td><a class="workflow-id" href="${href}">${e.execution.workflowId}</a><br><a href="${href}"><code class="muted">${e.execution.runId}</code></a></td>
<td>${e.workflowType.name} <span class="muted">${e.workflowType.version}</span></td><td>${badge(status)}${e.cancelRequested ? html` <span class="muted">cancel requested</span>` : ''}</td>
<td>${formatTime(e.startTimestamp)}</td><td>${formatTime(e.closeTimestamp)}</td><td>${(e.tagList ?? []).join(', ')}</td></tr>`;
  });
  return html`<table class="executions"><tr>${options.domainOf ? html`<th>domain</th>` : ''}<th>workflow id / run id</th><th>type</th><th>status</th><th>started</th><th>closed</th><th>tags</th></tr>${rows}</table>`;
}

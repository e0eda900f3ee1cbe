/** The execution page's tables drawn from the history: pending activities and child executions. */
import { type Html, badge, formatTime, html } from './html.js';
import { executionHref } from './links.js';
import type { Span } from './spans.js';

const STATUS: Record<string, string> = {
  ChildWorkflowExecutionCompleted: 'COMPLETED',
  ChildWorkflowExecutionFailed: 'FAILED',
  ChildWorkflowExecutionTimedOut: 'TIMED_OUT',
  ChildWorkflowExecutionCanceled: 'CANCELED',
  ChildWorkflowExecutionTerminated: 'TERMINATED',
  StartChildWorkflowExecutionFailed: 'FAILED',
};

/** Activity tasks scheduled and not yet closed: waiting for a worker, or running. */
export function pendingActivities(spans: readonly Span[]): Html {
  const pending = spans.filter((s) => s.kind === 'activity' && s.closed === undefined);
  if (pending.length === 0) return html`<p class="muted">None.</p>`;
  const rows = pending.map(
    (
      s,
    ) => html`<tr><td><code>${s.id ?? ''}</code></td><td>${s.type?.name ?? '?'} <span class="muted">${s.type?.version ?? ''}</span></td>
<td>${s.started === undefined ? 'scheduled, waiting for a worker' : 'running'}</td><td>${formatTime(s.scheduled)}</td><td>${formatTime(s.started)}</td><td><a href="#event-${s.eventId}">${s.eventId}</a></td></tr>`,
  );
  return html`<table class="pending"><tr><th>activity id</th><th>type</th><th>state</th><th>scheduled</th><th>started</th><th>event</th></tr>${rows}</table>`;
}

/** Child executions this run started, linked once they have a run. */
export function childExecutions(domain: string, spans: readonly Span[]): Html {
  const children = spans.filter((s) => s.kind === 'child');
  if (children.length === 0) return html`<p class="muted">None.</p>`;
  const rows = children.map((s) => {
    const id = s.run
      ? html`<a href="${executionHref(domain, s.run.workflowId, s.run.runId)}">${s.run.workflowId}</a><br><code class="muted">${s.run.runId}</code>`
      : html`${s.id ?? ''} <span class="muted">(not started)</span>`;
    const status = s.closedBy ? (STATUS[s.closedBy] ?? s.closedBy) : 'OPEN';
    return html`<tr><td>${id}</td><td>${s.type?.name ?? '?'} <span class="muted">${s.type?.version ?? ''}</span></td><td>${badge(status)}</td><td>${formatTime(s.scheduled)}</td><td>${formatTime(s.closed)}</td></tr>`;
  });
  return html`<table class="children"><tr><th>workflow id / run id</th><th>type</th><th>status</th><th>initiated</th><th>closed</th></tr>${rows}</table>`;
}

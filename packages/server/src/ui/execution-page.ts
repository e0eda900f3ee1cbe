/**
 * `GET /ui/domains/<domain>/executions/<workflowId>/<runId>`: DescribeWorkflowExecution and the
 * whole history (GetWorkflowExecutionHistory, every page), oldest event first.
 */
import { type UiContext, allPages, call, refreshToggle, wholeParam } from './context.js';
import { type Html, html, formatTime, layout, prettyJson, badge } from './html.js';
import { historyTable } from './history-table.js';
import type { HistoryEvent, WorkflowExecutionDetail } from '../model/wire-types.js';
import { domainHref, executionHref, withQuery } from './links.js';
import { runActions } from './action-forms.js';
import { runOutcome } from './run-outcome.js';
import { childExecutions, pendingActivities } from './run-tables.js';
import { runPicture } from './spans.js';
import { timeline } from './timeline.js';

function seconds(value: string): string {
  return value === 'NONE' ? 'none' : `${value} s`;
}

function summary(domain: string, d: WorkflowExecutionDetail): Html {
  const info = d.executionInfo;
  const config = d.executionConfiguration;
  const open = Object.entries(d.openCounts)
    .map(
      ([k, v]) =>
        `${k
          .replace(/^open/, '')
          .replace(/([a-z])([A-Z])/g, '$1 $2')
          .toLowerCase()}: ${v}`,
    )
    .join(' · ');
  const rows: Array<[string, Html | string]> = [
    ['status', html`${badge(info.executionStatus)}${info.cancelRequested ? ' (cancel requested)' : ''}`],
    ['close status', badge(info.closeStatus)],
    ['workflow type', html`${info.workflowType.name} <span class="muted">${info.workflowType.version}</span>`],
    ['task list', `${config.taskList.name}${config.taskPriority ? ` (priority ${config.taskPriority})` : ''}`],
    ['started', formatTime(info.startTimestamp)],
    ['closed', formatTime(info.closeTimestamp)],
    ['execution timeout', seconds(config.executionStartToCloseTimeout)],
    ['decision task timeout', seconds(config.taskStartToCloseTimeout)],
    ['child policy', config.childPolicy],
    ['open', open],
    ['latest activity task', formatTime(d.latestActivityTaskTimestamp)],
  ];
  if (info.parent) {
    const href = executionHref(domain, info.parent.workflowId, info.parent.runId);
    rows.push([
      'parent',
      html`<a href="${href}">${info.parent.workflowId}</a> <span class="muted">run</span> <a href="${href}"><code>${info.parent.runId}</code></a>`,
    ]);
  }
  if (info.tagList?.length) rows.push(['tags', info.tagList.join(', ')]);
  if (config.lambdaRole) rows.push(['lambda role', config.lambdaRole]);
  if (d.latestExecutionContext !== undefined)
    rows.push(['latest execution context', html`<pre>${prettyJson(d.latestExecutionContext)}</pre>`]);
  return html`<table class="kv">${rows.map(([k, v]) => html`<tr><th>${k}</th><td>${v}</td></tr>`)}</table>`;
}

/** History events per page of the event table. */
export const EVENTS_PER_PAGE = 250;

function pager(ctx: UiContext, page: number, pages: number): Html {
  if (pages <= 1) return html``;
  const link = (n: number, label: string): Html =>
    n === page || n < 1 || n > pages
      ? html`<span class="muted">${label}</span>`
      : html`<a href="${withQuery(ctx.path, { page: n === 1 ? undefined : n })}#history">${label}</a>`;
  return html`<div class="pager">${link(1, '« first')}${link(page - 1, '‹ previous')}<span>page ${page} of ${pages}</span>${link(page + 1, 'next ›')}${link(pages, 'last »')}</div>`;
}

/** Everything the page shows below the actions; the live updater re-renders these parts. */
export interface RunParts {
  described: WorkflowExecutionDetail;
  events: HistoryEvent[];
  summary: Html;
  outcome: Html;
  timeline: Html;
  pending: Html;
  children: Html;
}

/** Reads the run (DescribeWorkflowExecution and every history page) and renders its parts. */
export async function runParts(ctx: UiContext, domain: string, workflowId: string, runId: string): Promise<RunParts> {
  const execution = { workflowId, runId };
  const described = await call(ctx, 'DescribeWorkflowExecution', { domain, execution });
  const events = await allPages(ctx, 'GetWorkflowExecutionHistory', { domain, execution }, 'events');
  const picture = runPicture(events);
  const end = described.executionInfo.closeTimestamp ?? Math.max(Date.now() / 1000, events.at(-1)?.eventTimestamp ?? 0);
  return {
    described,
    events,
    summary: summary(domain, described),
    outcome: runOutcome(domain, workflowId, events),
    timeline: timeline(picture, { end }),
    pending: pendingActivities(picture.spans),
    children: childExecutions(domain, picture.spans),
  };
}

/** Renders one run's page; an unknown domain or run raises the service's `UnknownResourceFault`. */
export async function executionPage(
  ctx: UiContext,
  domain: string,
  workflowId: string,
  runId: string,
): Promise<string> {
  const parts = await runParts(ctx, domain, workflowId, runId);
  const { events } = parts;
  const pages = Math.max(1, Math.ceil(events.length / EVENTS_PER_PAGE));
  const page =
    wholeParam(ctx.query, 'page', 1, pages, `the page of this run's history (${EVENTS_PER_PAGE} events a page)`) ?? 1;
  const shown = events.slice((page - 1) * EVENTS_PER_PAGE, page * EVENTS_PER_PAGE);
  const isOpen = parts.described.executionInfo.executionStatus === 'OPEN';
  const body = html`${refreshToggle(ctx)}
<section id="run" data-open="${String(isOpen)}" data-last-event="${events.at(-1)?.eventId ?? 0}" data-last-page="${String(page === pages)}" data-page-size="${EVENTS_PER_PAGE}" data-first-event-time="${events[0]?.eventTimestamp ?? ''}">
<p>Run <code>${runId}</code> <span class="live" id="live-state"></span></p>
<div id="run-actions">${runActions(ctx, { domain, workflowId, runId }, isOpen)}</div>
<div id="run-summary">${parts.summary}</div>
<div id="run-outcome">${parts.outcome}</div>
<h2>Timeline</h2><div id="run-timeline">${parts.timeline}</div>
<h2>Pending activities</h2><div id="run-pending">${parts.pending}</div>
<h2>Child executions</h2><div id="run-children">${parts.children}</div>
<h2 id="history">History <span class="muted">(<span id="event-count">${events.length}</span> events)</span></h2>
${pager(ctx, page, pages)}
${historyTable({ domain, workflowId, runId }, shown, events[0]?.eventTimestamp)}
<p id="more-events" class="note" hidden>More events landed: see the <a href="${withQuery(ctx.path, { page: pages + 1 })}#history">next page</a>.</p>
${pager(ctx, page, pages)}
</section>`;
  return layout(
    {
      title: `Workflow ${workflowId}`,
      crumbs: [
        { href: '/', label: 'home' },
        { href: domainHref(domain), label: domain },
        { href: executionHref(domain, workflowId, runId), label: workflowId },
      ],
      refreshSeconds: ctx.refreshSeconds,
      readOnly: ctx.readOnly,
    },
    body,
  );
}

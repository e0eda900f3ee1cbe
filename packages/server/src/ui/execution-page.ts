/**
 * `GET /ui/domains/<domain>/executions/<workflowId>/<runId>`: DescribeWorkflowExecution and the
 * whole history (GetWorkflowExecutionHistory, every page), oldest event first.
 */
import { type UiContext, allPages, call, refreshToggle } from './context.js';
import { type Html, html, formatTime, layout, prettyJson, badge } from './html.js';
import { type WireHistoryEvent, historyTable } from './history-table.js';
import { domainHref, executionHref } from './links.js';

interface Described {
  executionInfo: {
    execution: { workflowId: string; runId: string };
    workflowType: { name: string; version: string };
    startTimestamp: number;
    closeTimestamp?: number;
    executionStatus: string;
    closeStatus?: string;
    parent?: { workflowId: string; runId: string };
    tagList?: string[];
    cancelRequested?: boolean;
  };
  executionConfiguration: {
    taskStartToCloseTimeout: string;
    executionStartToCloseTimeout: string;
    taskList: { name: string };
    taskPriority?: string;
    childPolicy: string;
    lambdaRole?: string;
  };
  openCounts: Record<string, number>;
  latestActivityTaskTimestamp?: number;
  latestExecutionContext?: string;
}

function seconds(value: string): string {
  return value === 'NONE' ? 'none' : `${value} s`;
}

function summary(domain: string, d: Described): Html {
  const info = d.executionInfo;
  const config = d.executionConfiguration;
  const open = Object.entries(d.openCounts)
    .map(([k, v]) => `${k.replace(/^open/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}: ${v}`)
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
    rows.push(['parent', html`<a href="${href}">${info.parent.workflowId}</a> <span class="muted">run</span> <a href="${href}"><code>${info.parent.runId}</code></a>`]);
  }
  if (info.tagList?.length) rows.push(['tags', info.tagList.join(', ')]);
  if (config.lambdaRole) rows.push(['lambda role', config.lambdaRole]);
  if (d.latestExecutionContext !== undefined) rows.push(['latest execution context', html`<pre>${prettyJson(d.latestExecutionContext)}</pre>`]);
  return html`<table class="kv">${rows.map(([k, v]) => html`<tr><th>${k}</th><td>${v}</td></tr>`)}</table>`;
}

/** Renders one run's page; an unknown domain or run raises the service's `UnknownResourceFault`. */
export async function executionPage(ctx: UiContext, domain: string, workflowId: string, runId: string): Promise<string> {
  const execution = { workflowId, runId };
  const described = await call<Described>(ctx, 'DescribeWorkflowExecution', { domain, execution });
  const events = await allPages<WireHistoryEvent>(ctx, 'GetWorkflowExecutionHistory', { domain, execution }, 'events');
  const body = html`${refreshToggle(ctx)}
<p>Run <code>${runId}</code></p>
${summary(domain, described)}
<h2>History <span class="muted">(${events.length} events)</span></h2>
${historyTable({ domain, workflowId, runId }, events)}`;
  return layout(
    {
      title: `Workflow ${workflowId}`,
      crumbs: [
        { href: '/', label: 'home' },
        { href: domainHref(domain), label: domain },
        { href: executionHref(domain, workflowId, runId), label: workflowId },
      ],
      refreshSeconds: ctx.refreshSeconds,
    },
    body,
  );
}

/**
 * `GET /`: the most recent executions across every domain (open ones first, then the latest to
 * close), the domains with their open execution counts, the service's status and how to connect.
 */
import { serviceStatus } from '../http/status-page.js';
import { type UiContext, allPages, call } from './context.js';
import { executionsTable } from './executions-table.js';
import type { DomainInfo, WorkflowExecutionInfo } from '../model/wire-types.js';
import { type Html, badge, html, layout } from './html.js';
import { domainHref } from './links.js';

/** How many recent executions the home page shows. */
export const RECENT_EXECUTIONS = 25;

type Located = WorkflowExecutionInfo & { domain: string };

async function recent(ctx: UiContext, domains: readonly DomainInfo[]): Promise<Html> {
  const open: Located[] = [];
  const closed: Located[] = [];
  for (const d of domains) {
    const page = { domain: d.name, maximumPageSize: RECENT_EXECUTIONS };
    // As with the counts below: a domain the API cannot list must not take the page away from everyone.
    const none = { executionInfos: [] as WorkflowExecutionInfo[] };
    const o = await call(ctx, 'ListOpenWorkflowExecutions', {
      ...page,
      startTimeFilter: { oldestDate: 0 },
    }).catch(() => none);
    const c = await call(ctx, 'ListClosedWorkflowExecutions', {
      ...page,
      closeTimeFilter: { oldestDate: 0 },
    }).catch(() => none);
    open.push(...o.executionInfos.map((e) => ({ ...e, domain: d.name })));
    closed.push(...c.executionInfos.map((e) => ({ ...e, domain: d.name })));
  }
  open.sort((a, b) => b.startTimestamp - a.startTimestamp);
  closed.sort((a, b) => (b.closeTimestamp ?? 0) - (a.closeTimestamp ?? 0));
  const shown = [...open, ...closed].slice(0, RECENT_EXECUTIONS);
  if (shown.length === 0) return html`<p class="muted">No executions yet.</p>`;
  return executionsTable('', shown, { domainOf: (e) => (e as Located).domain });
}

/** Renders the home page. */
export async function homePage(ctx: UiContext): Promise<string> {
  const status = serviceStatus(ctx.service, ctx.startedAt);
  const domains: DomainInfo[] = [];
  for (const registrationStatus of ['REGISTERED', 'DEPRECATED']) {
    domains.push(...(await allPages(ctx, 'ListDomains', { registrationStatus }, 'domainInfos')));
  }
  const rows = [];
  for (const d of domains) {
    // One domain the API cannot count (a name an older version stored changed) must not take the
    // page away from everyone: its count shows as unknown.
    const open = await call(ctx, 'CountOpenWorkflowExecutions', {
      domain: d.name,
      startTimeFilter: { oldestDate: 0 },
    }).catch(() => undefined);
    const count = open ? `${open.count}${open.truncated ? '+' : ''}` : '?';
    rows.push(html`<tr><td><a href="${domainHref(d.name)}">${d.name}</a></td><td>${badge(d.status)}</td>
<td>${count}</td><td>${d.description ?? ''}</td></tr>`);
  }
  const domainTable = rows.length
    ? html`<table class="domains"><tr><th>domain</th><th>status</th><th>open executions</th><th>description</th></tr>${rows}</table>`
    : html`<p class="note">No domains yet. Register one with <code>aws swf register-domain</code> or start a worker.</p>`;
  const cli = `AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws swf list-domains --registration-status REGISTERED --endpoint-url ${ctx.url} --region us-east-1`;
  const body = html`<h2>Recent executions <span class="muted">(open first)</span></h2>${await recent(ctx, domains)}
<h2>Domains</h2>${domainTable}
<h2>Status</h2>
<table class="kv">${Object.entries(status).map(([k, v]) => html`<tr><th>${k}</th><td>${String(v)}</td></tr>`)}
<tr><th>url</th><td><code>${ctx.url}</code></td></tr></table>
<h2>Connect</h2>
<p>Point the AWS CLI or an SDK at it:</p><pre>${cli}</pre>
<p class="muted">SWF requests: <code>POST /</code> with <code>X-Amz-Target: SimpleWorkflowService.&lt;Operation&gt;</code>.
Health check: <a href="/health">GET /health</a>.</p>`;
  return layout({ title: `swf-flow local SWF service at ${ctx.url}`, readOnly: ctx.readOnly }, body);
}

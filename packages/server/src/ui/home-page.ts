/** `GET /`: the service's status, its domains with their open execution counts, and how to connect. */
import { serviceStatus } from '../http/status-page.js';
import { type UiContext, allPages, call } from './context.js';
import { html, layout, statusClass } from './html.js';
import { domainHref } from './links.js';

interface DomainInfo {
  name: string;
  status: string;
  description?: string;
}

/** Renders the home page: status, domains (registered and deprecated) and the AWS CLI hint. */
export async function homePage(ctx: UiContext): Promise<string> {
  const status = serviceStatus(ctx.service, ctx.startedAt);
  const domains: DomainInfo[] = [];
  for (const registrationStatus of ['REGISTERED', 'DEPRECATED']) {
    domains.push(...(await allPages<DomainInfo>(ctx, 'ListDomains', { registrationStatus }, 'domainInfos')));
  }
  const rows = [];
  for (const d of domains) {
    // One domain the API cannot count (a name an older version stored changed) must not take the
    // page away from everyone: its count shows as unknown.
    const open = await call<{ count: number; truncated?: boolean }>(ctx, 'CountOpenWorkflowExecutions', { domain: d.name, startTimeFilter: { oldestDate: 0 } }).catch(
      () => undefined,
    );
    const count = open ? `${open.count}${open.truncated ? '+' : ''}` : '?';
    rows.push(html`<tr><td><a href="${domainHref(d.name)}">${d.name}</a></td><td class="${statusClass(d.status)}">${d.status}</td>
<td>${count}</td><td>${d.description ?? ''}</td></tr>`);
  }
  const domainTable = rows.length
    ? html`<table><tr><th>domain</th><th>status</th><th>open executions</th><th>description</th></tr>${rows}</table>`
    : html`<p class="note">No domains yet. Register one with <code>aws swf register-domain</code> or start a worker.</p>`;
  const cli = `AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws swf list-domains --registration-status REGISTERED --endpoint-url ${ctx.url} --region us-east-1`;
  const body = html`<h2>Domains</h2>${domainTable}
<h2>Status</h2>
<table class="kv">${Object.entries(status).map(([k, v]) => html`<tr><th>${k}</th><td>${String(v)}</td></tr>`)}
<tr><th>url</th><td><code>${ctx.url}</code></td></tr></table>
<h2>Connect</h2>
<p>Point the AWS CLI or an SDK at it:</p><pre>${cli}</pre>
<p class="muted">SWF requests: <code>POST /</code> with <code>X-Amz-Target: SimpleWorkflowService.&lt;Operation&gt;</code>.
Health check: <a href="/health">GET /health</a>.</p>`;
  return layout({ title: `swf-flow local SWF service at ${ctx.url}` }, body);
}

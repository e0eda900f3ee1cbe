/**
 * `GET /ui/domains/<domain>`: the domain's open and closed executions (newest first, one page at a
 * time, `?open=<token>` / `?closed=<token>` for the next pages) and its workflow and activity types.
 */
import { type UiContext, allPages, call, refreshToggle } from './context.js';
import { type Html, html, formatTime, layout, statusClass } from './html.js';
import { domainHref, executionHref, withQuery } from './links.js';

/** Executions per page of each list. */
export const EXECUTIONS_PER_PAGE = 100;

interface ExecutionInfo {
  execution: { workflowId: string; runId: string };
  workflowType: { name: string; version: string };
  startTimestamp: number;
  closeTimestamp?: number;
  executionStatus: string;
  closeStatus?: string;
  cancelRequested?: boolean;
  tagList?: string[];
}

interface TypeInfo {
  status: string;
  description?: string;
  creationDate: number;
  deprecationDate?: number;
  workflowType?: { name: string; version: string };
  activityType?: { name: string; version: string };
}

async function executions(ctx: UiContext, domain: string, which: 'open' | 'closed'): Promise<Html> {
  const token = ctx.query.get(which) ?? undefined;
  const page = await call<{ executionInfos: ExecutionInfo[]; nextPageToken?: string }>(
    ctx,
    which === 'open' ? 'ListOpenWorkflowExecutions' : 'ListClosedWorkflowExecutions',
    { domain, startTimeFilter: { oldestDate: 0 }, maximumPageSize: EXECUTIONS_PER_PAGE, ...(token ? { nextPageToken: token } : {}) },
  );
  const title = which === 'open' ? 'Open executions' : 'Closed executions';
  const first = token ? html` · <a href="${withQuery(ctx.path, { refresh: ctx.refreshSeconds })}">first page</a>` : '';
  const next = page.nextPageToken
    ? html`<p><a href="${withQuery(ctx.path, { [which]: page.nextPageToken, refresh: ctx.refreshSeconds })}">next ${which} page →</a></p>`
    : '';
  if (page.executionInfos.length === 0) return html`<h2>${title}${first}</h2><p class="muted">None.</p>`;
  const rows = page.executionInfos.map((e) => {
    const href = executionHref(domain, e.execution.workflowId, e.execution.runId);
    const status = e.closeStatus ?? e.executionStatus;
    return html`<tr><td><a href="${href}">${e.execution.workflowId}</a></td><td><a href="${href}"><code>${e.execution.runId}</code></a></td>
<td>${e.workflowType.name} ${e.workflowType.version}</td><td class="${statusClass(status)}">${status}${e.cancelRequested ? ' (cancel requested)' : ''}</td>
<td>${formatTime(e.startTimestamp)}</td><td>${formatTime(e.closeTimestamp)}</td><td>${(e.tagList ?? []).join(', ')}</td></tr>`;
  });
  return html`<h2>${title}${first}</h2>
<table><tr><th>workflow id</th><th>run id</th><th>type</th><th>status</th><th>started</th><th>closed</th><th>tags</th></tr>${rows}</table>${next}`;
}

async function types(ctx: UiContext, domain: string, kind: 'Workflow' | 'Activity'): Promise<Html> {
  const infos: TypeInfo[] = [];
  for (const registrationStatus of ['REGISTERED', 'DEPRECATED']) {
    infos.push(...(await allPages<TypeInfo>(ctx, `List${kind}Types`, { domain, registrationStatus }, 'typeInfos')));
  }
  const title = `${kind} types`;
  if (infos.length === 0) return html`<h2>${title}</h2><p class="muted">None registered.</p>`;
  const rows = infos.map((t) => {
    const type = t.workflowType ?? t.activityType ?? { name: '?', version: '?' };
    return html`<tr><td>${type.name}</td><td>${type.version}</td><td class="${statusClass(t.status)}">${t.status}</td>
<td>${formatTime(t.creationDate)}</td><td>${t.deprecationDate === undefined ? '' : formatTime(t.deprecationDate)}</td><td>${t.description ?? ''}</td></tr>`;
  });
  return html`<h2>${title}</h2>
<table><tr><th>name</th><th>version</th><th>status</th><th>registered</th><th>deprecated</th><th>description</th></tr>${rows}</table>`;
}

/** Renders a domain's page; an unknown domain raises the service's `UnknownResourceFault`. */
export async function domainPage(ctx: UiContext, domain: string): Promise<string> {
  const described = await call<{
    domainInfo: { name: string; status: string; description?: string };
    configuration: { workflowExecutionRetentionPeriodInDays: string };
  }>(ctx, 'DescribeDomain', { name: domain });
  const info = described.domainInfo;
  const body = html`${refreshToggle(ctx)}
<table class="kv"><tr><th>status</th><td class="${statusClass(info.status)}">${info.status}</td></tr>
<tr><th>retention</th><td>${described.configuration.workflowExecutionRetentionPeriodInDays} days</td></tr>
${info.description ? html`<tr><th>description</th><td>${info.description}</td></tr>` : ''}</table>
${await executions(ctx, domain, 'open')}
${await executions(ctx, domain, 'closed')}
${await types(ctx, domain, 'Workflow')}
${await types(ctx, domain, 'Activity')}`;
  return layout({ title: `Domain ${domain}`, crumbs: [{ href: '/', label: 'domains' }, { href: domainHref(domain), label: domain }], refreshSeconds: ctx.refreshSeconds }, body);
}

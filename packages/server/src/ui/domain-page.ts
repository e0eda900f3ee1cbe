/**
 * `GET /ui/domains/<domain>`: the domain's executions, open or closed, with the filters the SWF API
 * offers (workflow id, type, tag, close status, a start or close time window), the counts of both
 * lists, paging by `nextPageToken` (`?next=<token>`), and the domain's workflow and activity types.
 */
import { startForm } from './action-forms.js';
import { type UiContext, allPages, call, refreshToggle, wholeParam } from './context.js';
import { executionsTable } from './executions-table.js';
import { type Html, badge, formatTime, html, layout } from './html.js';
import { domainHref, withQuery } from './links.js';
import {
  CLOSE_STATUSES,
  FilterError,
  type ListFilters,
  type ListState,
  filterArguments,
  filterQuery,
  readFilters,
} from './list-filters.js';

/** Executions per page unless `?size=` says otherwise (1 to 1000). */
export const EXECUTIONS_PER_PAGE = 50;

interface TypeInfo {
  status: string;
  description?: string;
  creationDate: number;
  deprecationDate?: number;
  workflowType?: { name: string; version: string };
  activityType?: { name: string; version: string };
}

function pageSize(query: URLSearchParams): number {
  return wholeParam(query, 'size', 1, 1000, 'how many executions a page lists') ?? EXECUTIONS_PER_PAGE;
}

/** How many executions of `state` match, as text (`'?'` when the filters do not apply to that list). */
async function count(ctx: UiContext, domain: string, filters: ListFilters, state: ListState): Promise<string> {
  try {
    const out = await call(ctx, state === 'open' ? 'CountOpenWorkflowExecutions' : 'CountClosedWorkflowExecutions', {
      domain,
      ...filterArguments(filters, state),
    });
    return `${out.count}${out.truncated ? '+' : ''}`;
  } catch (err) {
    if (err instanceof FilterError) return '–';
    throw err;
  }
}

function filterForm(ctx: UiContext, filters: ListFilters, state: ListState): Html {
  const field = (name: keyof ListFilters & string, label: string, placeholder = ''): Html =>
    html`<label>${label}<input name="${name}" value="${String(filters[name])}" placeholder="${placeholder}"></label>`;
  const statuses = ['', ...CLOSE_STATUSES].map(
    (s) => html`<option value="${s}"${filters.status === s ? html` selected` : ''}>${s || 'any'}</option>`,
  );
  return html`<form class="filters" method="get" action="${ctx.path}">
<input type="hidden" name="state" value="${state}">
${field('workflowId', 'workflow id')}${field('type', 'type name')}${field('version', 'type version')}${field('tag', 'tag')}
<label>close status<select name="status">${statuses}</select></label>
<label>time<select name="time"><option value="start">started</option><option value="close"${filters.time === 'close' ? html` selected` : ''}>closed</option></select></label>
${field('from', 'from (UTC)', '2026-01-31T00:00')}${field('to', 'to (UTC)', '2026-12-31T23:59')}
<label>order<select name="order"><option value="">newest first</option><option value="oldest"${filters.oldestFirst ? html` selected` : ''}>oldest first</option></select></label>
<button class="primary" type="submit">Filter</button> <a href="${ctx.path}">clear</a>
<span class="muted">SWF filters by one of workflow id, type, tag or close status at a time.</span></form>`;
}

async function executions(ctx: UiContext, domain: string, filters: ListFilters, state: ListState): Promise<Html> {
  let args: Record<string, unknown>;
  try {
    args = filterArguments(filters, state);
  } catch (err) {
    if (err instanceof FilterError) return html`<p class="note error">${err.message}</p>`;
    throw err;
  }
  const token = ctx.query.get('next') ?? undefined;
  const page = await call(ctx, state === 'open' ? 'ListOpenWorkflowExecutions' : 'ListClosedWorkflowExecutions', {
    domain,
    ...args,
    maximumPageSize: pageSize(ctx.query),
    ...(filters.oldestFirst ? { reverseOrder: true } : {}),
    ...(token ? { nextPageToken: token } : {}),
  });
  const keep = {
    state,
    ...filterQuery(filters),
    size: ctx.query.get('size') ?? undefined,
    refresh: ctx.refreshSeconds,
  };
  const pager = html`<div class="pager">${token ? html`<a href="${withQuery(ctx.path, keep)}">« first page</a>` : ''}${
    page.nextPageToken
      ? html`<a class="next" href="${withQuery(ctx.path, { ...keep, next: page.nextPageToken })}">next page »</a>`
      : ''
  }</div>`;
  if (page.executionInfos.length === 0) return html`<p class="muted">No ${state} executions match.</p>${pager}`;
  return html`${executionsTable(domain, page.executionInfos)}${pager}`;
}

async function typeInfos(ctx: UiContext, domain: string, kind: 'Workflow' | 'Activity'): Promise<TypeInfo[]> {
  const infos: TypeInfo[] = [];
  for (const registrationStatus of ['REGISTERED', 'DEPRECATED']) {
    infos.push(...(await allPages(ctx, `List${kind}Types`, { domain, registrationStatus }, 'typeInfos')));
  }
  return infos;
}

function types(kind: 'Workflow' | 'Activity', infos: readonly TypeInfo[]): Html {
  const title = `${kind} types`;
  if (infos.length === 0) return html`<h2>${title}</h2><p class="muted">None registered.</p>`;
  const rows = infos.map((t) => {
    const type = t.workflowType ?? t.activityType ?? { name: '?', version: '?' };
    return html`<tr><td>${type.name}</td><td>${type.version}</td><td>${badge(t.status)}</td>
<td>${formatTime(t.creationDate)}</td><td>${t.deprecationDate === undefined ? '' : formatTime(t.deprecationDate)}</td><td>${t.description ?? ''}</td></tr>`;
  });
  return html`<h2>${title}</h2>
<table class="types"><tr><th>name</th><th>version</th><th>status</th><th>registered</th><th>deprecated</th><th>description</th></tr>${rows}</table>`;
}

/** Renders a domain's page; an unknown domain raises the service's `UnknownResourceFault`. */
export async function domainPage(ctx: UiContext, domain: string): Promise<string> {
  const described = await call(ctx, 'DescribeDomain', { name: domain });
  const info = described.domainInfo;
  const workflowTypes = await typeInfos(ctx, domain, 'Workflow');
  const filters = readFilters(ctx.query);
  const openCount = await count(ctx, domain, filters, 'open');
  const closedCount = await count(ctx, domain, filters, 'closed');
  // Without a choice, show the open list when it has anything, else the closed one.
  const state: ListState = filters.state ?? (openCount === '0' ? 'closed' : 'open');
  const tab = (which: ListState, label: string, n: string): Html =>
    which === state
      ? html`<strong class="tab" data-state="${which}">${label} (${n})</strong>`
      : html`<a class="tab" data-state="${which}" href="${withQuery(ctx.path, { ...filterQuery(filters), state: which, status: which === 'open' ? undefined : filters.status || undefined })}">${label} (${n})</a>`;
  const body = html`${refreshToggle(ctx)}
<table class="kv"><tr><th>status</th><td>${badge(info.status)}</td></tr>
<tr><th>retention</th><td>${described.configuration.workflowExecutionRetentionPeriodInDays} days</td></tr>
${info.description ? html`<tr><th>description</th><td>${info.description}</td></tr>` : ''}</table>
<h2>Executions</h2>
${filterForm(ctx, filters, state)}
<p class="counts">${tab('open', 'Open', openCount)} · ${tab('closed', 'Closed', closedCount)}</p>
${await executions(ctx, domain, filters, state)}
${startForm(
  ctx,
  domain,
  workflowTypes.flatMap((t) => (t.status === 'REGISTERED' && t.workflowType ? [t.workflowType] : [])),
)}
${types('Workflow', workflowTypes)}
${types('Activity', await typeInfos(ctx, domain, 'Activity'))}`;
  return layout(
    {
      title: `Domain ${domain}`,
      crumbs: [
        { href: '/', label: 'home' },
        { href: domainHref(domain), label: domain },
      ],
      refreshSeconds: ctx.refreshSeconds,
      readOnly: ctx.readOnly,
    },
    body,
  );
}

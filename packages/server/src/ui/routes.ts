/**
 * The web UI's router: read-only HTML pages over `GET`, each built only from `service.handle(...)`
 * calls, so they show exactly what the SWF API shows.
 *
 * - `/` — status and domains with their open execution counts
 * - `/ui/domains/<domain>` — open and closed executions, workflow and activity types
 * - `/ui/domains/<domain>/executions/<workflowId>/<runId>` — one run: description, timeline and history
 * - `.../<runId>/live?after=<eventId>` — JSON: what changed since that event (for `live.js`)
 * - `/ui/static/<file>` — the stylesheet and scripts (`assets.ts`)
 *
 * Actions (`POST /ui/actions/<action>`) are in `actions.ts`.
 *
 * Path segments are percent-decoded one by one (run ids contain `/`). `?refresh=N` reloads a page
 * every N seconds. Unknown domains or runs answer 404, a bad paging token 400.
 */
import { SwfFault } from '../faults.js';
import { asset } from './assets.js';
import type { SwfService } from '../service.js';
import { BadQuery, type UiContext, parseRefresh } from './context.js';
import { domainPage } from './domain-page.js';
import { executionPage } from './execution-page.js';
import { homePage } from './home-page.js';
import { liveUpdate } from './live.js';
import { html, layout } from './html.js';

/** A UI response, ready to send. */
export interface UiResponse {
  statusCode: number;
  headers: Record<string, string>;
  /** The HTML page. */
  body: string;
}

/** What the UI needs from the HTTP server besides the service. */
export interface UiServerInfo {
  /** The server's URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** When the HTTP server started (epoch ms). */
  startedAt: number;
  /** The server refuses actions. */
  readOnly: boolean;
  /** The token action forms carry. */
  csrfToken: string;
}

/**
 * Only this server's own files may load or be fetched, and nothing inline runs: even if escaping
 * ever failed, injected markup could not run a script or restyle the page.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'content-security-policy': CONTENT_SECURITY_POLICY,
};

/** Raised by the router for a path that names no page. */
class NoSuchPage extends Error {}

/** Splits a request path into percent-decoded segments; a malformed escape is a {@link NoSuchPage}. */
function segments(path: string): string[] {
  const parts = path.split('/').slice(1);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  try {
    return parts.map((p) => decodeURIComponent(p));
  } catch {
    throw new NoSuchPage(`Not a valid path: ${path}`);
  }
}

interface Route {
  render: (ctx: UiContext) => Promise<string>;
  /** The route answers JSON (for the page's script), not a page. */
  json?: boolean;
  /** What the page is about, for the 404 page when the service does not know it. */
  subject: string;
}

function route(parts: readonly string[]): Route {
  const [a, b, domain, d, workflowId, runId, ...rest] = parts;
  if (parts.length === 1 && (a === '' || a === 'ui')) return { render: homePage, subject: 'the home page' };
  if (a === 'ui' && b === 'domains' && domain) {
    if (parts.length === 3) return { render: (ctx) => domainPage(ctx, domain), subject: `domain ${domain}` };
    if (d === 'executions' && workflowId && runId && rest.length === 0) {
      return {
        render: (ctx) => executionPage(ctx, domain, workflowId, runId),
        subject: `run ${runId} of workflow ${workflowId} in domain ${domain}`,
      };
    }
    if (d === 'executions' && workflowId && runId && rest.length === 1 && rest[0] === 'live') {
      return {
        render: async (ctx) => JSON.stringify(await liveUpdate(ctx, domain, workflowId, runId)),
        json: true,
        subject: `run ${runId} of workflow ${workflowId} in domain ${domain}`,
      };
    }
  }
  throw new NoSuchPage('There is no page at this address.');
}

/**
 * Whether `path` (percent-encoded, without the query) names something the web UI serves with
 * `GET`: a page, whether or not what it shows exists, or one of its files. Lets the HTTP front tell
 * a method the path does not take (405) from a path that names nothing (404).
 */
export function isUiPath(path: string): boolean {
  const staticFile = /^\/ui\/static\/([a-z-]+\.(?:js|css))$/.exec(path)?.[1];
  if (staticFile !== undefined) return asset(staticFile) !== undefined;
  try {
    route(segments(path));
    return true;
  } catch {
    return false;
  }
}

function errorPage(statusCode: number, title: string, lines: readonly string[]): UiResponse {
  const body = html`${lines.map((line) => html`<p>${line}</p>`)}<p><a href="/">All domains</a></p>`;
  return { statusCode, headers: { ...HEADERS }, body: layout({ title }, body) };
}

/**
 * Serves one `GET` of the web UI. `rawUrl` is the request target as received (path and query,
 * still percent-encoded). Never throws: faults become 404/400/500 pages.
 */
export async function serveUi(service: SwfService, rawUrl: string, info: UiServerInfo): Promise<UiResponse> {
  const queryAt = rawUrl.indexOf('?');
  const path = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : rawUrl.slice(queryAt + 1));
  let subject = 'this page';
  const staticFile = /^\/ui\/static\/([a-z-]+\.(?:js|css))$/.exec(path)?.[1];
  if (staticFile !== undefined) {
    const file = asset(staticFile);
    if (file)
      return {
        statusCode: 200,
        headers: { 'content-type': file.type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' },
        body: file.body,
      };
  }
  try {
    const page = route(segments(path));
    subject = page.subject;
    const refreshSeconds = parseRefresh(query);
    const ctx: UiContext = {
      service,
      url: info.url,
      startedAt: info.startedAt,
      path,
      query,
      readOnly: info.readOnly,
      csrfToken: info.csrfToken,
      ...(refreshSeconds ? { refreshSeconds } : {}),
    };
    const headers = page.json ? { ...HEADERS, 'content-type': 'application/json; charset=utf-8' } : { ...HEADERS };
    return { statusCode: 200, headers, body: await page.render(ctx) };
  } catch (err) {
    if (err instanceof NoSuchPage) return errorPage(404, 'Not found', [err.message, `${path}`]);
    if (err instanceof BadQuery) return errorPage(400, 'Bad request', [err.message]);
    if (err instanceof SwfFault && err.fault === 'UnknownResourceFault') {
      return errorPage(404, 'Not found', [`No such ${subject}.`, `The service says: ${err.message}`]);
    }
    if (err instanceof SwfFault && err.fault === 'ValidationException')
      return errorPage(400, 'Bad request', [err.message]);
    const message = err instanceof Error ? err.message : String(err);
    return errorPage(500, 'Internal error', [`Could not show ${subject}: ${message}`]);
  }
}

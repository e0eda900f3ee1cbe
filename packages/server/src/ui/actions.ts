/**
 * The web UI's actions, `POST /ui/actions/<action>` with a form body: `signal`, `cancel` (request
 * cancel), `terminate` and `start`. Each is refused on a read-only server, without the page's
 * token or from another site (see `csrf.ts`), and unless confirmed (`confirm=yes`; the page's
 * script asks first). The answer is the outcome, as JSON for the page's script (`Accept:
 * application/json`) or as a small page with a link back; a fault of the SWF API is an outcome
 * too (HTTP 400 with its message), never a server error.
 */
import { SwfFault } from '../faults.js';
import type { SwfService } from '../service.js';
import { type RequestHeaders, csrfProblem } from './csrf.js';
import { html, layout } from './html.js';
import { executionHref } from './links.js';

/** What the listener hands an action. */
export interface ActionRequest {
  /** The action's name, from the path. */
  action: string;
  headers: RequestHeaders;
  /** The form body (`application/x-www-form-urlencoded`). */
  body: string;
}

/** The server facts an action checks against. */
export interface ActionServer {
  service: SwfService;
  url: string;
  readOnly: boolean;
  csrfToken: string;
}

/** The answer to send. */
export interface ActionResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

interface Outcome {
  ok: boolean;
  message: string;
  /** Where to look next (the run). */
  href?: string;
}

class Refused extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

function required(form: URLSearchParams, name: string, what: string): string {
  const value = (form.get(name) ?? '').trim();
  if (!value) throw new Refused(400, `Give the ${what}.`);
  return value;
}

function jsonInput(form: URLSearchParams, name = 'input'): { input?: string } {
  const text = (form.get(name) ?? '').trim();
  if (!text) return {};
  try {
    JSON.parse(text);
  } catch (err) {
    throw new Refused(
      400,
      `The ${name} is not JSON (${(err as Error).message}); swf-flow workflows take a JSON array of arguments, e.g. ["hello"].`,
    );
  }
  return { input: text };
}

/** The form's `workflowType`: a type's `["name", "version"]` as JSON, as the start form's list sends it. */
function workflowTypeOf(form: URLSearchParams): { name: string; version: string } {
  const text = required(form, 'workflowType', 'workflow type');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const [name, version] = Array.isArray(value) ? (value as unknown[]) : [];
  if (Array.isArray(value) && value.length === 2 && typeof name === 'string' && typeof version === 'string')
    return { name, version };
  throw new Refused(
    400,
    `The workflow type ${JSON.stringify(text)} is not a type's name and version; choose one from the start form's list, or send workflowType=["name","version"] (JSON).`,
  );
}

async function perform(server: ActionServer, action: string, form: URLSearchParams): Promise<Outcome> {
  const domain = required(form, 'domain', 'domain');
  const call = (op: string, input: Record<string, unknown>): Promise<Record<string, unknown>> =>
    server.service.handle(op, input) as Promise<Record<string, unknown>>;
  if (action === 'start') {
    const workflowId = required(form, 'workflowId', 'workflow id');
    const { name, version } = workflowTypeOf(form);
    const taskList = (form.get('taskList') ?? '').trim();
    const out = await call('StartWorkflowExecution', {
      domain,
      workflowId,
      workflowType: { name, version },
      ...jsonInput(form),
      ...(taskList ? { taskList: { name: taskList } } : {}),
    });
    const runId = String(out.runId);
    return {
      ok: true,
      message: `Started ${name} ${version} as ${workflowId} (run ${runId}).`,
      href: executionHref(domain, workflowId, runId),
    };
  }
  const workflowId = required(form, 'workflowId', 'workflow id');
  const runId = required(form, 'runId', 'run id');
  const target = { domain, workflowId, runId };
  const href = executionHref(domain, workflowId, runId);
  switch (action) {
    case 'signal': {
      const signalName = required(form, 'signalName', 'signal name');
      await call('SignalWorkflowExecution', { ...target, signalName, ...jsonInput(form) });
      return { ok: true, message: `Signal ${signalName} sent.`, href };
    }
    case 'cancel':
      await call('RequestCancelWorkflowExecution', target);
      return { ok: true, message: 'Cancellation requested; the workflow decides how to stop.', href };
    case 'terminate': {
      const reason = (form.get('reason') ?? '').trim();
      await call('TerminateWorkflowExecution', { ...target, ...(reason ? { reason } : {}) });
      return { ok: true, message: 'Terminated.', href };
    }
  }
  throw new Refused(404, `There is no action "${action}"; the actions are signal, cancel, terminate and start.`);
}

function respond(request: ActionRequest, statusCode: number, outcome: Outcome): ActionResponse {
  const wantsJson = String(request.headers.accept ?? '').includes('application/json');
  const common = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (wantsJson)
    return {
      statusCode,
      headers: { ...common, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(outcome),
    };
  const back = outcome.href
    ? html`<p><a href="${outcome.href}">Back to the run</a></p>`
    : html`<p><a href="/">Home</a></p>`;
  const body = layout(
    { title: outcome.ok ? 'Done' : 'Not done' },
    html`<p class="note ${outcome.ok ? 'done' : 'error'}">${outcome.message}</p>${back}`,
  );
  return {
    statusCode,
    headers: {
      ...common,
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'self'",
    },
    body,
  };
}

/** Checks and performs one action request; never throws. */
export async function handleAction(server: ActionServer, request: ActionRequest): Promise<ActionResponse> {
  const form = new URLSearchParams(request.body);
  const domain = form.get('domain') ?? '';
  const back =
    form.get('workflowId') && form.get('runId')
      ? executionHref(domain, form.get('workflowId') ?? '', form.get('runId') ?? '')
      : undefined;
  try {
    if (server.readOnly) throw new Refused(403, 'This server is read-only: it shows executions but takes no actions.');
    const type = String(request.headers['content-type'] ?? '');
    if (!type.startsWith('application/x-www-form-urlencoded'))
      throw new Refused(415, 'Send the action as a form (application/x-www-form-urlencoded).');
    const problem = csrfProblem(request.headers, server.url, form.get('csrf'), server.csrfToken);
    if (problem) throw new Refused(403, problem);
    if (form.get('confirm') !== 'yes') throw new Refused(400, 'The action was not confirmed; nothing was done.');
    return respond(request, 200, await perform(server, request.action, form));
  } catch (err) {
    const message =
      err instanceof Refused || err instanceof SwfFault
        ? err.message
        : `Could not ${request.action}: ${(err as Error).message}`;
    const statusCode = err instanceof Refused ? err.statusCode : 400;
    return respond(request, statusCode, { ok: false, message, ...(back ? { href: back } : {}) });
  }
}

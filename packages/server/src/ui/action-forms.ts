/**
 * The web UI's action forms: signal, request cancel and terminate on an open run's page, start on a
 * domain's page. Each posts to `/ui/actions/<action>` with the server's token; the page's script
 * (`actions.js`) asks for confirmation and shows the outcome in place; without the script the
 * form's own checkbox confirms and the answer is a page. A read-only server shows no forms.
 */
import type { UiContext } from './context.js';
import { type Html, html } from './html.js';

function hidden(fields: Record<string, string>): Html {
  return html`${Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}`;
}

function form(
  ctx: UiContext,
  action: string,
  confirm: string,
  fields: Record<string, string>,
  inner: Html,
  button: Html,
): Html {
  return html`<form class="action" method="post" action="/ui/actions/${action}" data-confirm="${confirm}">
${hidden({ ...fields, csrf: ctx.csrfToken })}${inner}
<noscript><label><span><input type="checkbox" name="confirm" value="yes" required> I am sure</span></label></noscript>
${button}<div class="outcome" role="status" aria-live="polite"></div></form>`;
}

/** Signal, request cancel and terminate for an open run; a note on a read-only server; nothing once closed. */
export function runActions(
  ctx: UiContext,
  target: { domain: string; workflowId: string; runId: string },
  isOpen: boolean,
): Html {
  if (!isOpen) return html``;
  if (ctx.readOnly) return html`<p class="muted">This server is read-only: no actions.</p>`;
  const run = { domain: target.domain, workflowId: target.workflowId, runId: target.runId };
  return html`<div class="actions">
${form(
  ctx,
  'signal',
  `Send this signal to ${target.workflowId}?`,
  run,
  html`<h3>Signal</h3>
<label>signal name<input name="signalName" required></label>
<label>input (JSON, e.g. ["hello"]; empty for none)<textarea name="input" rows="3"></textarea></label>`,
  html`<button class="primary" type="submit">Send signal</button>`,
)}
${form(
  ctx,
  'cancel',
  `Request cancellation of ${target.workflowId}? The workflow decides how to stop.`,
  run,
  html`<h3>Request cancel</h3>
<p class="muted">Records a cancel request; the workflow's code decides how to stop.</p>`,
  html`<button type="submit">Request cancel</button>`,
)}
${form(
  ctx,
  'terminate',
  `Terminate ${target.workflowId} now? It stops at once; its code does not run again.`,
  run,
  html`<h3>Terminate</h3>
<label>reason<input name="reason"></label>`,
  html`<button class="danger" type="submit">Terminate</button>`,
)}
</div>`;
}

/** Start a workflow of one of the domain's registered types. */
export function startForm(
  ctx: UiContext,
  domain: string,
  types: ReadonlyArray<{ name: string; version: string }>,
): Html {
  if (ctx.readOnly || types.length === 0) return html``;
  const options = types.map(
    (t) => html`<option value="${JSON.stringify([t.name, t.version])}">${t.name} ${t.version}</option>`,
  );
  return html`<h2>Start a workflow</h2><div class="actions">${form(
    ctx,
    'start',
    'Start this workflow?',
    { domain },
    html`<label>workflow type<select name="workflowType">${options}</select></label>
<label>workflow id<input name="workflowId" required></label>
<label>input (JSON array of arguments, e.g. [{"id":"o-1"}]; empty for none)<textarea name="input" rows="3"></textarea></label>
<label>task list (empty: the type's default)<input name="taskList"></label>`,
    html`<button class="primary" type="submit">Start</button>`,
  )}</div>`;
}

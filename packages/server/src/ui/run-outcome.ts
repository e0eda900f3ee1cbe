/**
 * A run's input and how it ended, read from its history: the result, or the failure with its
 * reason and details decoded (swf-flow's failure JSON shows type, message, stack and causes; other
 * details are shown as they are, pretty-printed when JSON), the timeout, the cancel or termination,
 * or the run it continued as.
 */
import { decodeFailure, ownMessage, stackFrames } from '@swf-flow/common';
import { type Html, html, prettyJson } from './html.js';
import { eventAttributes } from './history-table.js';
import type { HistoryEvent } from '../model/wire-types.js';
import { executionHref } from './links.js';

function payload(text: unknown): Html {
  if (typeof text !== 'string') return html`<span class="muted">none</span>`;
  return html`<pre class="payload">${prettyJson(text)}</pre>`;
}

/** Whether `details` is the failure JSON swf-flow writes (type and message, maybe stack and cause). */
function isSwfFlowFailure(details: string): boolean {
  try {
    const v = JSON.parse(details) as { type?: unknown; message?: unknown } | null;
    return typeof v?.type === 'string' && typeof v.message === 'string';
  } catch {
    return false;
  }
}

/** The failure `reason` and `details`, decoded: message, type, stack and causes when swf-flow wrote them. */
export function failure(reason: unknown, details: unknown): Html {
  const r = typeof reason === 'string' ? reason : undefined;
  const d = typeof details === 'string' ? details : undefined;
  const rows: Html[] = [html`<tr><th>reason</th><td><code>${r ?? '–'}</code></td></tr>`];
  let err: Error | undefined = decodeFailure(r, d);
  const isOurs = d !== undefined && isSwfFlowFailure(d);
  if (isOurs) {
    for (let depth = 0; err && depth < 6; depth++) {
      const type = (err as Error & { type?: string }).type ?? err.name;
      // Each message once: its cause's message is on the cause's row; the stack without its header.
      const own = depth < 5 ? ownMessage(err) : err.message;
      const frames = stackFrames(err);
      rows.push(
        html`<tr><th>${depth === 0 ? 'error' : 'caused by'}</th><td><strong>${type}</strong>${own === '' ? '' : html`: ${own}`}${
          frames ? html`<details><summary class="muted">stack</summary><pre>${frames}</pre></details>` : ''
        }</td></tr>`,
      );
      err = err.cause instanceof Error ? err.cause : undefined;
    }
  }
  if (d !== undefined)
    rows.push(
      html`<tr><th>details</th><td><details${isOurs ? '' : html` open`}><summary class="muted">${d.length} chars</summary>${payload(d)}</details></td></tr>`,
    );
  return html`<table class="kv failure">${rows}</table>`;
}

/** The input, and the result or failure from the closing event (if the run closed). */
export function runOutcome(domain: string, workflowId: string, events: readonly HistoryEvent[]): Html {
  const started = events[0]?.eventType === 'WorkflowExecutionStarted' ? eventAttributes(events[0]) : {};
  const last = events.at(-1);
  const a = last ? eventAttributes(last) : {};
  let end: Html | string = '';
  switch (last?.eventType) {
    case 'WorkflowExecutionCompleted':
      end = html`<h3>Result</h3>${payload(a.result)}`;
      break;
    case 'WorkflowExecutionFailed':
      end = html`<h3>Failure</h3>${failure(a.reason, a.details)}`;
      break;
    case 'WorkflowExecutionTimedOut':
      end = html`<h3>Timed out</h3><p>The execution timed out (<code>${String(a.timeoutType)}</code>).</p>`;
      break;
    case 'WorkflowExecutionCanceled':
      end = html`<h3>Canceled</h3>${a.details === undefined ? '' : payload(a.details)}`;
      break;
    case 'WorkflowExecutionTerminated':
      end = html`<h3>Terminated</h3>${failure(a.reason, a.details)}${a.cause ? html`<p class="muted">cause: ${String(a.cause)}</p>` : ''}`;
      break;
    case 'WorkflowExecutionContinuedAsNew': {
      const next = String(a.newExecutionRunId);
      end = html`<h3>Continued as new</h3><p>Run <a href="${executionHref(domain, workflowId, next)}"><code>${next}</code></a> took over, with input:</p>${payload(a.input)}`;
      break;
    }
  }
  return html`<div class="outcome-box"><h3>Input</h3>${payload(started.input)}${end}</div>`;
}

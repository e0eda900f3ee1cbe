/**
 * HTML for the web UI, escaped by default: the `html` template tag escapes every interpolated value
 * unless it is already {@link Html} (the result of another `html` call). Workflow ids, inputs and
 * results are user data, so nothing reaches a page without passing through here.
 *
 * @example
 * ```ts
 * const row = html`<td>${workflowId}</td>`; // '<script>' becomes '&lt;script&gt;'
 * const page = html`<tr>${[row, row]}</tr>`; // arrays are joined; Html is not escaped twice
 * ```
 */
import { SCRIPTS } from './assets.js';

/** A fragment of markup that is already safe to send. Build it with {@link html}. */
export class Html {
  constructor(
    /** The markup. */
    readonly value: string,
  ) {}

  /** The markup. */
  toString(): string {
    return this.value;
  }
}

/** What `html` accepts in a `${}`: markup, text to escape, or a list of them; `null`/`undefined`/`false` render nothing. */
export type Renderable = Html | string | number | boolean | null | undefined | readonly Renderable[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML element or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function render(value: Renderable): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return (value as readonly Renderable[]).map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value as string | number | boolean));
}

/** The template tag: literal parts are kept, interpolated values are escaped (see {@link Renderable}). */
export function html(strings: TemplateStringsArray, ...values: Renderable[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Options of {@link layout}. */
export interface LayoutOptions {
  /** The page title (also the `<h1>`). */
  title: string;
  /** Breadcrumb links shown above the title, outermost first. */
  crumbs?: ReadonlyArray<{ href: string; label: string }>;
  /** Reload the page every this many seconds (a meta refresh); absent means never. */
  refreshSeconds?: number;
  /** The server refuses actions; the header says so. */
  readOnly?: boolean;
}

/** A whole page: doctype, the stylesheet and scripts (by URL: the CSP allows nothing inline), header, breadcrumbs, title and `body`. */
export function layout(options: LayoutOptions, body: Html): string {
  const refresh = options.refreshSeconds ? html`<meta http-equiv="refresh" content="${options.refreshSeconds}">` : '';
  const crumbs = options.crumbs?.length
    ? html`<div class="crumbs">${options.crumbs.map((c, i) => html`${i > 0 ? ' / ' : ''}<a href="${c.href}">${c.label}</a>`)}</div>`
    : '';
  const scripts = SCRIPTS.map((name) => html`<script src="/ui/static/${name}" defer></script>`);
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${refresh}<title>${options.title} · swf-flow</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/ui/static/style.css">${scripts}</head>
<body><header><a href="/">swf-flow local SWF service</a>${options.readOnly ? html`<span class="ro">read-only</span>` : ''}</header>
<main>${crumbs}<h1>${options.title}</h1>
${body}
</main></body></html>
`.value;
}

/** An epoch-seconds wire timestamp as `2026-01-31 12:00:00.000Z`; `undefined` renders as a dash. */
export function formatTime(epochSeconds: unknown): string {
  if (typeof epochSeconds !== 'number' || !Number.isFinite(epochSeconds)) return '–';
  return new Date(epochSeconds * 1000).toISOString().replace('T', ' ');
}

/** A string that holds JSON, pretty-printed; other strings unchanged. */
export function prettyJson(text: string): string {
  const trimmed = text.trim();
  if (!/^[[{"]/.test(trimmed)) return text;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return text;
  }
}

/**
 * A status word (OPEN, COMPLETED, FAILED, ..., REGISTERED, DEPRECATED) as a coloured badge: blue
 * while open, green when it completed, red when it failed or timed out, amber when someone canceled
 * or terminated it, grey when it continued as new or is deprecated.
 */
export function badge(status: string | undefined): Html {
  if (!status) return html`–`;
  return html`<span class="badge s-${status.toLowerCase().replace(/[^a-z_]/g, '')}">${status}</span>`;
}

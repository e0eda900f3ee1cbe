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
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1d2329;background:#f6f7f9}
header{background:#232f3e;color:#fff;padding:.6rem 1.5rem}header a{color:#fff;text-decoration:none;font-weight:600}
main{padding:1rem 1.5rem 3rem;max-width:1400px}
h1{font-size:1.35rem;margin:.4rem 0 1rem;word-break:break-all}h2{font-size:1.05rem;margin:1.6rem 0 .5rem}
a{color:#0b63c5}.crumbs{color:#5f6b7a;font-size:.9rem}.muted{color:#5f6b7a}
table{border-collapse:collapse;background:#fff;width:100%;margin-bottom:.5rem}
th,td{border:1px solid #dde1e6;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f4;font-weight:600}td{word-break:break-word}
table.kv th{width:14rem}
code,pre{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:#fff;border:1px solid #dde1e6;padding:.5rem;overflow:auto;white-space:pre-wrap;word-break:break-all;margin:.2rem 0}
.attrs{display:grid;grid-template-columns:max-content 1fr;gap:0 .6rem}.attrs dt{color:#5f6b7a}.attrs dd{margin:0}
details summary{cursor:pointer}
.ok{color:#18794e}.bad{color:#c4320a;font-weight:600}.open{color:#0b63c5;font-weight:600}.warn{color:#a35200}
.note{background:#fff;border:1px solid #dde1e6;padding:.5rem .8rem}
`;

/** A whole page: doctype, inline CSS, header, breadcrumbs, title and `body`. */
export function layout(options: LayoutOptions, body: Html): string {
  const refresh = options.refreshSeconds ? html`<meta http-equiv="refresh" content="${options.refreshSeconds}">` : '';
  const crumbs = options.crumbs?.length
    ? html`<div class="crumbs">${options.crumbs.map((c, i) => html`${i > 0 ? ' / ' : ''}<a href="${c.href}">${c.label}</a>`)}</div>`
    : '';
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${refresh}<title>${options.title} · swf-flow</title><style>${new Html(CSS)}</style></head>
<body><header><a href="/">swf-flow local SWF service</a></header>
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

/** The CSS class for a status word: open, good or bad news. */
export function statusClass(status: string | undefined): string {
  if (status === 'OPEN' || status === 'REGISTERED') return 'open';
  if (status === 'COMPLETED') return 'ok';
  if (status === 'DEPRECATED' || status === 'CONTINUED_AS_NEW') return 'warn';
  return status ? 'bad' : '';
}

/**
 * The timeline picture of a run, as SVG: one lane per activity task, Lambda task, timer, child
 * workflow and signal or cancel request sent to another run, and one for the decision tasks, each bar
 * grey while scheduled and coloured by outcome once started, on one time axis; signals received,
 * markers, cancel requests and decisions SWF refused as ticks on the top lane. Every bar and
 * tick carries its details (a `<title>` for the browser's own tooltip and `data-tip` for the page's).
 * Long histories stay drawable: at most {@link MAX_LANES} lanes and one tick per pixel column.
 */
import { type Html, formatTime, html } from './html.js';
import type { RunPicture, Span, Tick } from './spans.js';

/** The extra class of a tick's line, by its kind (the colour). */
const TICK_CLASS: Record<Tick['kind'], string> = {
  signal: '',
  'cancel-request': '',
  marker: ' tick-marker',
  'decision-failed': ' tick-refused',
};

/** Lanes drawn at most; the rest are counted in a note (the event table has them all). */
export const MAX_LANES = 150;

const LABEL_W = 260;
const PLOT_W = 900;
const LANE_H = 20;
const AXIS_H = 22;
const TICKS_PER_AXIS = 6;

function seconds(value: number): string {
  return value < 10
    ? `${value.toFixed(3)} s`
    : value < 600
      ? `${value.toFixed(1)} s`
      : `${(value / 60).toFixed(1)} min`;
}

function spanTip(span: Span, t0: number): string {
  const lines = [span.label, `scheduled ${formatTime(span.scheduled)} (+${seconds(span.scheduled - t0)})`];
  if (span.started !== undefined && span.kind !== 'timer')
    lines.push(`started +${seconds(span.started - t0)}, waited ${seconds(span.started - span.scheduled)}`);
  if (span.closed !== undefined)
    lines.push(
      `${span.closedBy ?? 'closed'} +${seconds(span.closed - t0)}, took ${seconds(span.closed - (span.started ?? span.scheduled))}`,
    );
  else lines.push(span.started === undefined ? 'not started yet' : 'still running');
  lines.push(`event ${span.eventId}`);
  return lines.join('\n');
}

/** Options of {@link timeline}. */
export interface TimelineOptions {
  /** Where open spans end: the run's close time, or now for an open run (epoch seconds). */
  end: number;
}

/** Draws `picture` as an SVG inside a scrollable box, with a legend. */
export function timeline(picture: RunPicture, options: TimelineOptions): Html {
  const { spans, ticks } = picture;
  if (spans.length === 0 && ticks.length === 0) return html`<p class="muted">Nothing scheduled yet.</p>`;
  const times = [
    ...spans.flatMap((s) => [s.scheduled, s.started ?? s.scheduled, s.closed ?? s.scheduled]),
    ...ticks.map((t) => t.at),
  ];
  const t0 = times.reduce((a, b) => Math.min(a, b), Infinity);
  const t1 = times.reduce((a, b) => Math.max(a, b), options.end);
  const span = Math.max(t1 - t0, 0.001);
  const x = (t: number): number => LABEL_W + ((t - t0) / span) * PLOT_W;

  const decisions = spans.filter((s) => s.kind === 'decision');
  const others = spans.filter((s) => s.kind !== 'decision');
  const lanes: Array<{ kind: string; label: string; spans: Span[] }> = [];
  if (decisions.length)
    lanes.push({ kind: 'decision', label: `decision tasks (${decisions.length})`, spans: decisions });
  for (const s of others) lanes.push({ kind: s.kind, label: s.label, spans: [s] });
  const shown = lanes.slice(0, MAX_LANES);
  const tickLane = ticks.length ? 1 : 0;
  const height = AXIS_H + (shown.length + tickLane) * LANE_H + 4;

  const bar = (s: Span): Html => {
    const end = s.closed ?? options.end;
    const started = s.started ?? end;
    const wait = html`<rect class="wait" x="${x(s.scheduled).toFixed(1)}" y="4" width="${Math.max(x(started) - x(s.scheduled), 0).toFixed(1)}" height="${LANE_H - 8}"/>`;
    const run =
      s.started === undefined
        ? ''
        : html`<rect class="run-${s.outcome}" x="${x(s.started).toFixed(1)}" y="3" width="${Math.max(x(end) - x(s.started), 2).toFixed(1)}" height="${LANE_H - 6}"/>`;
    const tip = spanTip(s, t0);
    return html`<g class="span" data-outcome="${s.outcome}" data-event="${s.eventId}" data-tip="${tip}"><title>${tip}</title>${wait}${run}</g>`;
  };
  const laneRows = shown.map((lane, i) => {
    const y = AXIS_H + (i + tickLane) * LANE_H;
    const label = lane.label.length > 40 ? `${lane.label.slice(0, 39)}…` : lane.label;
    return html`<g class="lane" data-kind="${lane.kind}" data-label="${lane.label}" transform="translate(0,${y})"><rect class="lane-bg" x="0" y="0" width="${LABEL_W + PLOT_W}" height="${LANE_H - 1}"/>
<text x="6" y="${LANE_H - 6}">${label}</text>${lane.spans.map(bar)}</g>`;
  });

  // One tick per pixel column: a history of thousands of signals stays a picture.
  const columns = new Map<number, Tick[]>();
  for (const t of ticks) {
    const column = Math.round(x(t.at));
    columns.set(column, [...(columns.get(column) ?? []), t]);
  }
  const tickMarks = [...columns.entries()].map(([column, group]) => {
    const first = group[0] as Tick;
    const tip =
      group.length === 1
        ? `${first.label}\n+${seconds(first.at - t0)}\nevent ${first.eventId}`
        : `${group.length} events here, e.g. ${first.label} (event ${first.eventId})`;
    return html`<g class="tick-mark" data-kind="${first.kind}" data-tip="${tip}"><title>${tip}</title><line class="tick${TICK_CLASS[first.kind]}" x1="${column}" x2="${column}" y1="${AXIS_H + 2}" y2="${AXIS_H + LANE_H - 2}"/></g>`;
  });
  const refused = ticks.some((t) => t.kind === 'decision-failed') ? ', refused decisions' : '';
  const tickRow = ticks.length
    ? html`<text x="6" y="${AXIS_H + LANE_H - 6}">signals, markers${refused} (${ticks.length})</text>${tickMarks}`
    : '';

  const axis = Array.from({ length: TICKS_PER_AXIS + 1 }, (_, i) => {
    const t = t0 + (span * i) / TICKS_PER_AXIS;
    const anchor = i === 0 ? 'start' : i === TICKS_PER_AXIS ? 'end' : 'middle';
    return html`<line class="axis" x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${AXIS_H - 4}" y2="${height}"/><text x="${x(t).toFixed(1)}" y="12" text-anchor="${anchor}">+${seconds(t - t0)}</text>`;
  });
  const more =
    lanes.length > shown.length
      ? html`<p class="muted">Showing the first ${shown.length} of ${lanes.length} lanes; the event table below has everything.</p>`
      : '';
  return html`<div class="legend"><span><i class="l-wait"></i>scheduled, waiting</span><span><i class="l-ok"></i>completed</span><span><i class="l-open"></i>running</span><span><i class="l-bad"></i>failed, timed out</span><span><i class="l-warn"></i>canceled</span><span><i class="l-tick"></i>signal, cancel request</span><span><i class="l-marker"></i>marker</span><span><i class="l-refused"></i>decision refused</span></div>
<div class="timeline"><svg xmlns="http://www.w3.org/2000/svg" width="${LABEL_W + PLOT_W + 10}" height="${height}" role="img" aria-label="timeline of the run">${axis}${tickRow}${laneRows}</svg></div>${more}`;
}

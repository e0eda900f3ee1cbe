/** The suite's one table: each figure beside its target and the floor or peer it is a ratio of. */

/** One row of the table. */
export interface Row {
  /** Which of issue 9's targets (1–5) the row belongs to. */
  target: number;
  /** What is measured. */
  what: string;
  /** The figure, formatted. */
  value: string;
  /** The target, formatted (`-` when the figure is reported only). */
  goal: string;
  /** The floor or peer it is a ratio of, with its own figure. */
  basis: string;
  /** Whether the target is met; undefined when the row only reports. */
  met?: boolean;
  /** The raw numbers behind the row (for bench/results.json). */
  data: Record<string, number>;
}

/** Formats a number with thousands separators and up to `digits` decimals. */
export function fmt(x: number, digits = 1): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** The rows as one Markdown table (what `npm run bench` prints and BENCHMARKS.md records). */
export function renderTable(rows: readonly Row[]): string {
  const header = ['#', 'measurement', 'value', 'target', 'ratio of (floor / peer)', 'met'];
  const body = rows.map((r) => [
    String(r.target),
    r.what,
    r.value,
    r.goal,
    r.basis,
    r.met === undefined ? '-' : r.met ? 'yes' : 'NO',
  ]);
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 2 || i === 3 ? '---:' : '---'))), ...body.map(line)].join(
    '\n',
  );
}

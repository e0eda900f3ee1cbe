/**
 * Host-dependent values read inside workflow code, as a table: each probe runs in the first
 * decision task of a replay (at 2024-01-01T12:00:02Z, run id `run-1`). `host-probes-main.ts`
 * prints the results so that a test can compare processes with other time zones and locales.
 */
import '../index.js';
import { WorkflowExecutor } from '../executor.js';
import { HistoryBuilder } from './history-builder.js';

/**
 * `Intl` objects made outside workflow code (at module load, as a module-level formatter is), with
 * the host's default locale or time zone: workflow code that uses them gets the workflow's defaults.
 */
export const MADE_OUTSIDE = {
  dateFormat: new Intl.DateTimeFormat(),
  dateFormatCalled: Intl.DateTimeFormat(undefined, { hour: 'numeric', hourCycle: 'h23' }),
  localeNoZone: new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' }),
  localeAndZone: new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin' }),
  numberFormat: new Intl.NumberFormat(),
  collator: new Intl.Collator(),
  pluralRules: new Intl.PluralRules([]),
};

/** 03:00 UTC on 2024-01-01: the evening of Dec 31 west of UTC. */
const EARLY_NEW_YEAR = Date.UTC(2024, 0, 1, 3);

/** Name → what workflow code computes. */
export const HOST_PROBES: Record<string, () => unknown> = {
  'Date()': () => Date(),
  'new Date().toString()': () => new Date().toString(),
  'toDateString / toTimeString': () => [new Date().toDateString(), new Date().toTimeString()],
  'getHours, getDate, getDay, getTimezoneOffset': () => {
    const d = new Date();
    return [d.getHours(), d.getDate(), d.getDay(), d.getTimezoneOffset()];
  },
  'setHours(9) then getTime': () => new Date().setHours(9, 30, 0, 0),
  'new Date(2024, 0, 1, 9, 30) (local components)': () => new Date(2024, 0, 1, 9, 30).getTime(),
  "Date.parse('2024-01-01T09:30:00') (no zone)": () => Date.parse('2024-01-01T09:30:00'),
  "new Date('2024-01-01 09:30') (no zone)": () => new Date('2024-01-01 09:30').getTime(),
  "Date.parse('2024-01-01') (date only)": () => Date.parse('2024-01-01'),
  // 02:30 on 2024-03-10 does not exist in Los Angeles (clocks jump from 02:00 to 03:00).
  "Date.parse of '2024-03-10 02:30' and other forms (a DST gap in Los Angeles)": () =>
    ['2024-03-10 02:30', '2024-03-10T02:30:00', 'March 10, 2024 02:30:00', '3/10/2024, 2:30:00 AM'].map((s) =>
      Date.parse(s),
    ),
  "Date.parse('2024-01-01T09:30:00+02:00') (zoned)": () => Date.parse('2024-01-01T09:30:00+02:00'),
  'new (new Date().constructor)()': () => new (new Date().constructor as DateConstructor)().getTime(),
  'toLocaleString()': () => new Date().toLocaleString(),
  'toLocaleDateString() / toLocaleTimeString()': () => [
    new Date().toLocaleDateString(),
    new Date().toLocaleTimeString(),
  ],
  '(1234.5).toLocaleString()': () => (1234.5).toLocaleString(),
  'new Intl.NumberFormat().format(1234.5)': () => new Intl.NumberFormat().format(1234.5),
  'Intl.DateTimeFormat().format() (no date)': () => Intl.DateTimeFormat().format(),
  "Intl.DateTimeFormat('en-US', { hour, minute }).format() (no date, no zone)": () =>
    new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', hour12: false }).format(),
  'Intl.DateTimeFormat().formatToParts() year': () =>
    Intl.DateTimeFormat()
      .formatToParts()
      .find((p) => p.type === 'year')?.value,
  'Intl.DateTimeFormat().resolvedOptions()': () => {
    const o = Intl.DateTimeFormat().resolvedOptions();
    return [o.locale, o.timeZone];
  },
  "['b', 'a', 'C'].sort(localeCompare)": () => ['b', 'a', 'C'].sort((x, y) => x.localeCompare(y)),
  "'i'.toLocaleUpperCase()": () => 'i'.toLocaleUpperCase(),
  // An empty locale list ([] or any object of length 0) means the host's default locale in ECMA-402.
  'toLocaleTimeString([], { hour, minute })': () =>
    new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
  'new Intl.DateTimeFormat([]).resolvedOptions()': () => {
    const o = new Intl.DateTimeFormat([]).resolvedOptions();
    return [o.locale, o.timeZone];
  },
  '(1234.5).toLocaleString([]), ({ length: 0 })': () => [
    (1234.5).toLocaleString([]),
    (1234.5).toLocaleString({ length: 0 } as unknown as string[]),
  ],
  "new Intl.ListFormat([]).format(['a', 'b'])": () => new Intl.ListFormat([]).format(['a', 'b']),
  "'i'.toLocaleUpperCase([]), localeCompare(x, [])": () => ['i'.toLocaleUpperCase([]), 'a'.localeCompare('B', [])],
  // A locale the runtime does not have ('default', as in the common month-name idiom) falls back to the host's.
  "toLocaleString('default', { month: 'long' })": () => new Date().toLocaleString('default', { month: 'long' }),
  "new Intl.NumberFormat(['zz', 'xx']).resolvedOptions().locale": () =>
    new Intl.NumberFormat(['zz', 'xx']).resolvedOptions().locale,
  "'b'.localeCompare('a', 'default'), ['xx', 'fr'] kept as fr": () => [
    'b'.localeCompare('a', 'default'),
    new Intl.DateTimeFormat(['xx', 'fr']).resolvedOptions().locale,
  ],
  'toLocaleString(undefined, options inheriting hour)': () =>
    new Date().toLocaleString(
      undefined,
      Object.create({ hour: 'numeric', hourCycle: 'h23' }) as Intl.DateTimeFormatOptions,
    ),
  // Annex B's setYear works in local time, like setFullYear: at 00:30Z on Jan 1 the host's day may be Dec 31.
  'setYear(99) at 2024-01-01T00:30Z': () => {
    const d = new Date(Date.UTC(2024, 0, 1, 0, 30));
    (d as unknown as { setYear(y: number): number }).setYear(99);
    return d.toISOString();
  },
  'new Intl.Collator().resolvedOptions().locale': () => new Intl.Collator().resolvedOptions().locale,
  // The platform's own errors for what it refuses: not a fill the platform would not make.
  'crypto.getRandomValues of a Float64Array, a DataView, 65,537 bytes': () =>
    [new Float64Array(1), new DataView(new ArrayBuffer(2)), new Uint8Array(65_537)].map((a) => {
      try {
        crypto.getRandomValues(a as Uint8Array);
        return 'filled';
      } catch (e) {
        return (e as Error).name;
      }
    }),
  'performance.timeOrigin + performance.now() === Date.now()': () =>
    performance.timeOrigin + performance.now() === Date.now(),
  'performance.timeOrigin': () => performance.timeOrigin,
  'Intl.DateTimeFormat() made outside workflow code: format, formatToParts, resolvedOptions': () => [
    MADE_OUTSIDE.dateFormat.format(EARLY_NEW_YEAR),
    MADE_OUTSIDE.dateFormat.formatToParts(EARLY_NEW_YEAR).find((p) => p.type === 'day')?.value,
    MADE_OUTSIDE.dateFormat.resolvedOptions().locale,
    MADE_OUTSIDE.dateFormat.resolvedOptions().timeZone,
    MADE_OUTSIDE.dateFormatCalled.format(EARLY_NEW_YEAR),
  ],
  "Intl.DateTimeFormat('en-GB') made outside workflow code (no zone), and one with a zone": () => [
    MADE_OUTSIDE.localeNoZone.format(EARLY_NEW_YEAR),
    MADE_OUTSIDE.localeAndZone.format(EARLY_NEW_YEAR),
  ],
  'Intl.NumberFormat, Collator, PluralRules made outside workflow code': () => [
    MADE_OUTSIDE.numberFormat.format(1234.5),
    MADE_OUTSIDE.collator.resolvedOptions().locale,
    ['b', 'a', 'C'].sort(MADE_OUTSIDE.collator.compare),
    MADE_OUTSIDE.pluralRules.resolvedOptions().locale,
  ],
  'process.hrtime(), hrtime.bigint(), uptime()': () => [
    process.hrtime(),
    String(process.hrtime.bigint()),
    process.uptime(),
  ],
};

/** Runs every probe in one replayed decision task and returns name → result (or the error's name). */
export async function runHostProbes(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  async function probes(): Promise<void> {
    for (const [name, probe] of Object.entries(HOST_PROBES)) {
      try {
        out[name] = probe();
      } catch (err) {
        out[name] = `threw ${(err as Error).name}: ${(err as Error).message}`;
      }
    }
  }
  const ex = new WorkflowExecutor({ workflows: { probes }, execution: { workflowId: 'wf-1', runId: 'run-1' } });
  await ex.processEvents(new HistoryBuilder().start('probes').decisionTask().events);
  return out;
}

/**
 * Colour for terminal output: on when stdout is a terminal, off when it is piped, when `NO_COLOR`
 * is set (https://no-color.org) or `--no-color` is given; `FORCE_COLOR` (not `0`) turns it on
 * when piped. Off, every style returns its text unchanged.
 */
import type { Flags } from './args.js';
import { type CliIo, envOf } from './io.js';

/** The styles the commands use. */
export interface Palette {
  /** Whether the styles add escape codes. */
  readonly enabled: boolean;
  /** Success (a COMPLETED run, `ok`). */
  green(text: string): string;
  /** Failure (FAILED, TIMED_OUT, `FAIL`). */
  red(text: string): string;
  /** Stopped from outside or waiting (TERMINATED, CANCELED, pending). */
  yellow(text: string): string;
  /** Running (OPEN), and ids. */
  cyan(text: string): string;
  /** Secondary detail (timestamps). */
  dim(text: string): string;
  /** Headings. */
  bold(text: string): string;
}

function style(open: number, close: number, enabled: boolean): (text: string) => string {
  return enabled ? (text) => `\u001b[${open}m${text}\u001b[${close}m` : (text) => text;
}

/** A palette with colour on or off. */
export function palette(enabled: boolean): Palette {
  return {
    enabled,
    green: style(32, 39, enabled),
    red: style(31, 39, enabled),
    yellow: style(33, 39, enabled),
    cyan: style(36, 39, enabled),
    dim: style(2, 22, enabled),
    bold: style(1, 22, enabled),
  };
}

/** Whether to colour: `--no-color` and `NO_COLOR` win, then `FORCE_COLOR`, then whether stdout is a terminal. */
export function colorEnabled(io: CliIo, flags: Flags): boolean {
  const env = envOf(io);
  if (flags['no-color'] === true || Boolean(env.NO_COLOR)) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false')
    return true;
  return io.isTTY === true;
}

/** The palette for a command run with `flags`. */
export function paletteFor(io: CliIo, flags: Flags): Palette {
  return palette(colorEnabled(io, flags));
}

/** A run's status in its colour: COMPLETED green, FAILED/TIMED_OUT red, CANCELED/TERMINATED yellow, OPEN cyan. */
export function statusColor(p: Palette, status: string): string {
  if (status === 'COMPLETED') return p.green(status);
  if (status === 'FAILED' || status === 'TIMED_OUT') return p.red(status);
  if (status === 'CANCELED' || status === 'TERMINATED') return p.yellow(status);
  if (status === 'OPEN') return p.cyan(status);
  return status;
}

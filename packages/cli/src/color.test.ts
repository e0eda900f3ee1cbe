import { describe, expect, it } from 'vitest';
import { colorEnabled, palette, statusColor } from './color.js';
import type { CliIo } from './io.js';

const io = (isTTY: boolean, env: Record<string, string>): CliIo => ({
  stdout: () => undefined,
  stderr: () => undefined,
  signal: new AbortController().signal,
  isTTY,
  env,
});

describe('colour', () => {
  it.each([
    ['a terminal', true, {}, {}, true],
    ['a pipe', false, {}, {}, false],
    ['NO_COLOR on a terminal', true, { NO_COLOR: '1' }, {}, false],
    ['an empty NO_COLOR is not set', true, { NO_COLOR: '' }, {}, true],
    ['--no-color on a terminal', true, {}, { 'no-color': true }, false],
    ['FORCE_COLOR on a pipe', false, { FORCE_COLOR: '1' }, {}, true],
    ['FORCE_COLOR=0 on a terminal is not forcing', true, { FORCE_COLOR: '0' }, {}, true],
    ['NO_COLOR beats FORCE_COLOR', false, { FORCE_COLOR: '1', NO_COLOR: '1' }, {}, false],
    ['--no-color beats FORCE_COLOR', false, { FORCE_COLOR: '1' }, { 'no-color': true }, false],
  ])('%s', (_what, isTTY, env, flags, expected) => {
    expect(colorEnabled(io(isTTY, env), flags)).toBe(expected);
  });

  it('styles text only when enabled, status colours that mean something', () => {
    expect(statusColor(palette(true), 'COMPLETED')).toBe('\u001b[32mCOMPLETED\u001b[39m');
    expect(statusColor(palette(true), 'FAILED')).toBe('\u001b[31mFAILED\u001b[39m');
    expect(statusColor(palette(true), 'TERMINATED')).toBe('\u001b[33mTERMINATED\u001b[39m');
    expect(statusColor(palette(false), 'COMPLETED')).toBe('COMPLETED');
    expect(palette(false).bold('x')).toBe('x');
  });
});

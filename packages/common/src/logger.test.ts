import { afterEach, describe, expect, it, vi } from 'vitest';
import { consoleLogger, isLevelEnabled, silentLogger, type Logger } from './logger.js';

describe('isLevelEnabled', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('asks the logger when it can tell (as pino and winston can), else says yes', () => {
    const bare: Logger = { debug() {}, info() {}, warn() {}, error() {} };
    expect(isLevelEnabled(bare, 'debug')).toBe(true);
    const pinoLike = { ...bare, isLevelEnabled: (level: string) => level !== 'debug' };
    expect(isLevelEnabled(pinoLike, 'debug')).toBe(false);
    expect(isLevelEnabled(pinoLike, 'info')).toBe(true);
    expect(isLevelEnabled(silentLogger, 'error')).toBe(false);
  });

  it("follows consoleLogger's SWF_FLOW_DEBUG, read on every call", () => {
    vi.stubEnv('SWF_FLOW_DEBUG', '');
    expect(isLevelEnabled(consoleLogger, 'debug')).toBe(false);
    expect(isLevelEnabled(consoleLogger, 'warn')).toBe(true);
    vi.stubEnv('SWF_FLOW_DEBUG', '1');
    expect(isLevelEnabled(consoleLogger, 'debug')).toBe(true);
  });

  it('a logger spread from the built-in ones with methods of its own gets every line', () => {
    vi.stubEnv('SWF_FLOW_DEBUG', '');
    const lines: string[] = [];
    const mine: Logger = { ...consoleLogger, debug: (m) => lines.push(m) };
    expect(isLevelEnabled(mine, 'debug')).toBe(true);
    expect(isLevelEnabled({ ...silentLogger, info: (m) => lines.push(m) }, 'info')).toBe(true);
  });
});

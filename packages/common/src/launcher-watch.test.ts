import { describe, expect, it } from 'vitest';
import { isNpmCommand, launcherChain } from './launcher-watch.js';

describe('finding the npm that launched this process', () => {
  it('knows npm and npx by their title or by node running their scripts, and nothing else', () => {
    expect(isNpmCommand(['npm', 'exec', 'swf-flow', 'server'])).toBe(true);
    expect(isNpmCommand(['npm', 'run', 'start'])).toBe(true);
    expect(isNpmCommand(['/usr/local/bin/node', '/usr/local/lib/node_modules/npm/bin/npm-cli.js', 'start'])).toBe(true);
    expect(isNpmCommand(['node', '/usr/bin/npx', 'swf-flow'])).toBe(true);
    expect(isNpmCommand(['sh', '-c', 'swf-flow server'])).toBe(false);
    // the CLI's own path in npx's cache names ".npm" and "_npx": not npm itself
    expect(isNpmCommand(['node', '/root/.npm/_npx/b77/node_modules/.bin/swf-flow', 'server'])).toBe(false);
    expect(isNpmCommand([])).toBe(false);
  });

  it('the chain from the parent up to npm, only when npm_command says npm started it', () => {
    const tree: Record<number, { ppid: number; command: string[] }> = {
      [process.ppid]: { ppid: 500, command: ['node', '/app/node_modules/tsx/dist/cli.mjs', 'src/main.ts'] },
      500: { ppid: 400, command: ['sh', '-c', 'tsx src/main.ts'] },
      400: { ppid: 300, command: ['npm', 'start'] },
      300: { ppid: 1, command: ['-bash'] },
    };
    const info = (pid: number) => tree[pid];
    expect(launcherChain({ npm_command: 'start' }, info)).toEqual([process.ppid, 500, 400]);
    expect(launcherChain({}, info)).toBeUndefined(); // started from a shell: its user's to stop
    const noNpm = (pid: number) => (pid === 400 ? { ppid: 300, command: ['bash'] } : tree[pid]);
    expect(launcherChain({ npm_command: 'start' }, noNpm)).toBeUndefined();
    expect(launcherChain({ npm_command: 'start' }, () => undefined)).toBeUndefined();
  });
});

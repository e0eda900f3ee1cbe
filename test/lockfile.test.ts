/**
 * package-lock.json holds what every supported platform needs, so that `npm install` on any of
 * them leaves it unchanged (a contributor starts with a clean tree) and `npm ci` accepts it: every
 * optional dependency a locked package declares (rollup's, esbuild's and unrs-resolver's native
 * binaries for each OS and CPU) has its own locked entry.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  version?: string;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
}

const lock = JSON.parse(readFileSync(fileURLToPath(new URL('../package-lock.json', import.meta.url)), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
};

/** Where npm would look for `name` from the package at `path`: nested first, then up to the root. */
function resolveFrom(path: string, name: string): string | undefined {
  let base = path;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

describe('package-lock.json', () => {
  it('locks every optional dependency of every locked package (all platforms, not only this one)', () => {
    expect(lock.lockfileVersion).toBe(3);
    const missing: string[] = [];
    let platformSpecific = 0;
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        const found = resolveFrom(path, name);
        if (!found) missing.push(`${path || '(root)'} -> ${name}`);
        else if (lock.packages[found]?.os || lock.packages[found]?.cpu) platformSpecific++;
      }
    }
    expect(missing, `run 'npm install' and commit package-lock.json; missing:\n${missing.join('\n')}`).toEqual([]);
    expect(platformSpecific).toBeGreaterThan(20); // rollup alone has binaries for over 20 platforms
  });

  it('has an entry for the other platforms, e.g. rollup on macOS arm64 and Windows x64', () => {
    expect(Object.keys(lock.packages)).toEqual(
      expect.arrayContaining([
        'node_modules/@rollup/rollup-darwin-arm64',
        'node_modules/@rollup/rollup-win32-x64-msvc',
      ]),
    );
  });
});

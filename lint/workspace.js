// The workspace as the lint config sees it: each package and example folder with its npm name, and where
// a folder keeps its tests. lint/package-graph.js and lint/dependencies.js build their blocks from it.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root, absolute, with a trailing slash. */
export const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Every workspace folder: `dir` from the root (`packages/server`, `examples/order`), `key` (the folder
 * name for a package, `examples` for every example) and `name` from its package.json.
 *
 * @returns {{ dir: string, key: string, name: string }[]}
 */
export function workspaceFolders() {
  const units = [];
  for (const parent of ['packages', 'examples']) {
    for (const entry of readdirSync(`${root}${parent}`, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = `${parent}/${entry.name}`;
      const { name } = JSON.parse(readFileSync(`${root}${dir}/package.json`, 'utf8'));
      units.push({ dir, key: parent === 'examples' ? 'examples' : entry.name, name });
    }
  }
  return units;
}

/**
 * Where a workspace folder keeps its tests and test-only helpers, as globs from the root: colocated
 * `*.test.ts`, its `test/` folder and `src/test-support/`.
 *
 * @param {string} dir
 * @returns {string[]}
 */
export const testGlobs = (dir) => [`${dir}/**/*.test.ts`, `${dir}/test/**/*.ts`, `${dir}/src/test-support/**/*.ts`];

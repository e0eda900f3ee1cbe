// Every package a file imports is declared in the package.json of the folder that ships it
// (import-x/no-extraneous-dependencies, type-only imports included): what a package's published sources
// import is in its `dependencies`, so an install from npm has it. The reverse check (a declared
// dependency nothing imports) is test/dependencies.test.ts.
import { root, testGlobs, workspaceFolders } from './workspace.js';

const rule = 'import-x/no-extraneous-dependencies';

/** ESLint config blocks: per workspace folder its sources, then its tests; then the repository's own checks. */
export function dependencyConfigs() {
  const units = workspaceFolders();
  const workspaceNames = units.map((u) => u.name);
  return [
    ...units.flatMap(({ dir, key }) => [
      {
        files: [`${dir}/**/*.ts`],
        ignores: testGlobs(dir),
        rules: { [rule]: ['error', { packageDir: `${root}${dir}`, devDependencies: false, includeTypes: true }] },
      },
      {
        files: testGlobs(dir),
        rules: {
          [rule]: [
            'error',
            key === 'examples'
              ? // An example is copied out of the repository and run on its own: its package.json declares
                // everything its tests use.
                { packageDir: `${root}${dir}`, includeTypes: true }
              : // A package's tests run only here, under the root's vitest, with every workspace package
                // linked: the root's devDependencies count for them, and which workspace packages they may
                // import is the package graph's business (lint/package-graph.js).
                { packageDir: [`${root}${dir}`, root], includeTypes: true, whitelist: workspaceNames },
          ],
        },
      },
    ]),
    {
      // The checks across the repository exercise the workspace as a whole: what any workspace package
      // declares counts for them.
      files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
      rules: {
        [rule]: ['error', { packageDir: [root, ...units.map((u) => `${root}${u.dir}`)], includeTypes: true }],
      },
    },
  ];
}

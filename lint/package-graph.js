// The package graph of DESIGN.md as lint errors: what the sources of each workspace package may import
// from the other workspace folders, and what its tests may import besides (import-x/no-restricted-paths
// on resolved paths, so `@swf-flow/x` and `../../x/src/y.js` are caught alike). ARCHITECTURE.md draws
// this graph; test/lint-rules.test.ts proves each kind of arrow is enforced.
import { root, testGlobs, workspaceFolders } from './workspace.js';

/**
 * What the sources of each package may import from the other workspace packages (a package may always
 * import itself; npm packages are governed by its package.json). Keys and entries are folders under
 * packages/, or `examples` for every examples/<name> (an example never imports another one).
 */
export const mayImport = {
  common: [],
  workflow: ['common'],
  activity: ['common'],
  client: ['common'],
  server: ['common'],
  worker: ['common', 'workflow', 'activity'],
  testing: ['common', 'workflow', 'worker', 'server', 'client'],
  dev: ['common', 'server', 'worker', 'client'],
  cli: ['common', 'server', 'worker', 'client', 'testing', 'create-swf-flow'],
  'create-swf-flow': [],
  examples: ['common', 'workflow', 'activity', 'worker', 'client', 'dev'],
};

/**
 * What a package's tests may import beyond what its sources may, and why. Entries with a slash are
 * folders from the repository root (`test/support` holds helpers shared by every test suite).
 */
export const testsMayAlsoImport = {
  workflow: {
    folders: ['activity'],
    why: 'activity stubs are typed from decorated activity classes',
  },
  client: {
    folders: ['server'],
    why: 'the client is tested against a real local service',
  },
  server: {
    folders: ['test/support'],
    why: 'the web UI is tested in the shared headless browser',
  },
  worker: {
    folders: ['server', 'client', 'testing'],
    why: 'workers poll a real local service; runs are started and awaited with the client',
  },
  testing: {
    folders: ['activity'],
    why: 'the test environment runs decorated activities',
  },
  cli: {
    folders: ['workflow', 'examples/hello-echo'],
    why: "commands are run against the hello-echo example's workflows",
  },
  'create-swf-flow': {
    folders: ['activity', 'testing'],
    why: "the template's workflow is replayed and its activities run",
  },
  examples: {
    folders: ['testing', 'server'],
    why: 'examples replay recorded histories and run on a local service',
  },
};

/** The workspace folders, each checked to have an entry in `mayImport`. */
function graphFolders() {
  const units = workspaceFolders();
  for (const { dir, key } of units) {
    if (!(key in mayImport)) {
      throw new Error(`${dir} is missing from lint/package-graph.js: say what it may import (and in ARCHITECTURE.md)`);
    }
  }
  return units;
}

/** A folder named in the tables above, as a path from the root. */
const folderOf = (entry) => (entry.includes('/') ? entry : `packages/${entry}`);

/**
 * The restricted-path zones for `unit`'s files: every workspace folder outside `allowed` is off limits,
 * and so are the root's test, bench and scripts folders (but `test/support` when allowed).
 */
function zones(unit, units, allowed, who, why) {
  const allowedDirs = new Set([unit.dir, ...allowed.map(folderOf)]);
  const names = allowed.map((entry) => units.find((u) => u.dir === folderOf(entry))?.name ?? entry);
  const may = names.length > 0 ? `may import only ${names.join(', ')}` : 'may import no other workspace package';
  const message = `${who} ${may}${why ? ` (${why})` : ''}. See the package graph in ARCHITECTURE.md.`;
  const from = units.map((u) => u.dir).filter((dir) => !allowedDirs.has(dir));
  return [
    { target: unit.dir, from: [...from, 'bench', 'scripts'], message },
    { target: unit.dir, from: 'test', except: allowedDirs.has('test/support') ? ['./support'] : [], message },
  ];
}

/** ESLint config blocks, two per workspace folder: its sources, then its tests with their allowance. */
export function packageGraphConfigs() {
  const units = graphFolders();
  return units.flatMap((unit) => {
    const own = mayImport[unit.key];
    const extra = testsMayAlsoImport[unit.key];
    const testAllowed = [...own, ...(extra?.folders ?? [])];
    const rule = (zoneList) => ['error', { basePath: root, zones: zoneList }];
    return [
      {
        files: [`${unit.dir}/**/*.ts`],
        ignores: testGlobs(unit.dir),
        rules: { 'import-x/no-restricted-paths': rule(zones(unit, units, own, unit.dir)) },
      },
      {
        files: testGlobs(unit.dir),
        rules: {
          'import-x/no-restricted-paths': rule(zones(unit, units, testAllowed, `Tests of ${unit.dir}`, extra?.why)),
        },
      },
    ];
  });
}

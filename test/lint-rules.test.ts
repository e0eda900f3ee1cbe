/**
 * The package graph is a lint error, not a hope: each deliberately bad piece of code below is linted
 * with the workspace's own `eslint.config.js` and must fail with the exact rule and message that names
 * the fault. Files on disk (test/fixtures/lint) where a rule reads other files; elsewhere a snippet
 * linted as if it sat at the path that makes it wrong.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LOAD_LINT_BOUND_MS, lintAs, lintFiles, loadLint } from './support/lint.js';

beforeAll(loadLint, LOAD_LINT_BOUND_MS);

const GRAPH = 'See the package graph in ARCHITECTURE.md.';
const EXTRANEOUS = 'import-x/no-extraneous-dependencies';

/** The message import-x/no-extraneous-dependencies gives for an import package.json does not declare. */
const missing = (name: string): string =>
  `'${name}' should be listed in the project's dependencies. Run 'npm i ${name}' to add it`;

/** The message import-x/no-restricted-paths gives for a forbidden import, with the graph's reason. */
const forbidden = (importPath: string, reason: string): string =>
  `Unexpected path "${importPath}" imported in restricted zone. ${reason} ${GRAPH}`;

describe('import-x/no-cycle', () => {
  it('resolves ./b.js to b.ts and reports a two-file cycle on both files', async () => {
    const problems = await lintFiles(['test/fixtures/lint/cycle/a.ts', 'test/fixtures/lint/cycle/b.ts']);
    const cycle = { ruleId: 'import-x/no-cycle', message: 'Dependency cycle detected', line: 2 };
    expect(problems).toEqual({
      'test/fixtures/lint/cycle/a.ts': [cycle],
      'test/fixtures/lint/cycle/b.ts': [cycle],
    });
  });
});

describe('the package graph (import-x/no-restricted-paths)', () => {
  const cases: { name: string; path: string; from: string; message: string }[] = [
    {
      name: 'server may not import workflow',
      path: 'packages/server/src/bad.ts',
      from: '@swf-flow/workflow',
      message: 'packages/server may import only @swf-flow/common.',
    },
    {
      name: 'server may not import worker',
      path: 'packages/server/src/bad.ts',
      from: '@swf-flow/worker',
      message: 'packages/server may import only @swf-flow/common.',
    },
    {
      name: 'client may not import worker',
      path: 'packages/client/src/bad.ts',
      from: '@swf-flow/worker',
      message: 'packages/client may import only @swf-flow/common.',
    },
    {
      name: 'workflow may not import activity',
      path: 'packages/workflow/src/bad.ts',
      from: '@swf-flow/activity',
      message: 'packages/workflow may import only @swf-flow/common.',
    },
    {
      name: 'activity may not import workflow',
      path: 'packages/activity/src/bad.ts',
      from: '@swf-flow/workflow',
      message: 'packages/activity may import only @swf-flow/common.',
    },
    {
      name: 'common imports no other package',
      path: 'packages/common/src/bad.ts',
      from: '@swf-flow/activity',
      message: 'packages/common may import no other workspace package.',
    },
    {
      name: 'worker may not import the server, even by a relative path into its sources',
      path: 'packages/worker/src/bad.ts',
      from: '../../server/src/index.js',
      message: 'packages/worker may import only @swf-flow/common, @swf-flow/workflow, @swf-flow/activity.',
    },
    {
      name: 'testing may not import the CLI above it',
      path: 'packages/testing/src/bad.ts',
      from: '@swf-flow/cli',
      message:
        'packages/testing may import only @swf-flow/common, @swf-flow/workflow, @swf-flow/worker, @swf-flow/server, @swf-flow/client.',
    },
    {
      name: 'dev may not import testing',
      path: 'packages/dev/src/bad.ts',
      from: '@swf-flow/testing',
      message: 'packages/dev may import only @swf-flow/common, @swf-flow/server, @swf-flow/worker, @swf-flow/client.',
    },
    {
      name: 'cli may not import dev',
      path: 'packages/cli/src/bad.ts',
      from: '@swf-flow/dev',
      message:
        'packages/cli may import only @swf-flow/common, @swf-flow/server, @swf-flow/worker, @swf-flow/client, @swf-flow/testing, create-swf-flow.',
    },
    {
      name: 'create-swf-flow imports no other package (its template does, as a dependency of the new project)',
      path: 'packages/create-swf-flow/src/bad.ts',
      from: '@swf-flow/workflow',
      message: 'packages/create-swf-flow may import no other workspace package.',
    },
    {
      name: 'an example may not import the server',
      path: 'examples/order/src/bad.ts',
      from: '@swf-flow/server',
      message:
        'examples/order may import only @swf-flow/common, @swf-flow/workflow, @swf-flow/activity, @swf-flow/worker, @swf-flow/client, @swf-flow/dev.',
    },
    {
      name: 'an example may not import another example',
      path: 'examples/order/src/bad.ts',
      from: '../../hello-echo/src/workflows.js',
      message:
        'examples/order may import only @swf-flow/common, @swf-flow/workflow, @swf-flow/activity, @swf-flow/worker, @swf-flow/client, @swf-flow/dev.',
    },
    {
      name: 'a package may not import an example',
      path: 'packages/testing/src/bad.ts',
      from: '../../../examples/hello-echo/src/workflows.js',
      message:
        'packages/testing may import only @swf-flow/common, @swf-flow/workflow, @swf-flow/worker, @swf-flow/server, @swf-flow/client.',
    },
    {
      name: "a package's sources may not import the repository's test helpers",
      path: 'packages/server/src/bad.ts',
      from: '../../../test/support/browser.js',
      message: 'packages/server may import only @swf-flow/common.',
    },
    {
      name: "tests get their package's allowance and no more: client tests may not import the worker",
      path: 'packages/client/test/bad.test.ts',
      from: '@swf-flow/worker',
      message:
        'Tests of packages/client may import only @swf-flow/common, @swf-flow/server (the client is tested against a real local service).',
    },
    {
      name: 'colocated unit tests are tests too: server tests may not import the client',
      path: 'packages/server/src/engine/bad.test.ts',
      from: '@swf-flow/client',
      message:
        'Tests of packages/server may import only @swf-flow/common, test/support (the web UI is tested in the shared headless browser).',
    },
  ];

  it.each(cases)('$name', async ({ path, from, message }) => {
    // A package the graph forbids is also one its package.json does not declare: both rules say so in
    // sources. A package's tests may use any workspace package by package.json (they run in the
    // repository, every package linked): there the graph alone decides.
    const byName = !from.startsWith('.') && !path.endsWith('.test.ts');
    const undeclared = byName ? [{ ruleId: EXTRANEOUS, message: missing(from), line: 1 }] : [];
    expect(await lintAs(path, `import * as bad from '${from}';\n\nexport { bad };\n`)).toEqual([
      ...undeclared,
      { ruleId: 'import-x/no-restricted-paths', message: forbidden(from, message), line: 1 },
    ]);
  });

  it('counts a type-only import as an edge too', async () => {
    const code = "import type { Worker } from '@swf-flow/worker';\n\nexport type Bad = Worker;\n";
    expect(await lintAs('packages/client/src/bad.ts', code)).toEqual([
      { ruleId: EXTRANEOUS, message: missing('@swf-flow/worker'), line: 1 },
      {
        ruleId: 'import-x/no-restricted-paths',
        message: forbidden('@swf-flow/worker', 'packages/client may import only @swf-flow/common.'),
        line: 1,
      },
    ]);
  });

  it("lets tests use their allowance: the server's UI test imports the shared browser helper", async () => {
    const code = "import { launchBrowser } from '../../../test/support/browser.js';\n\nexport { launchBrowser };\n";
    expect(await lintAs('packages/server/test/ui.test.ts', code)).toEqual([]);
  });
});

describe('workflow purity (no-restricted-imports)', () => {
  it('keeps Node I/O modules out of packages/workflow', async () => {
    expect(
      await lintAs(
        'packages/workflow/src/bad.ts',
        "import { readFileSync } from 'node:fs';\n\nexport { readFileSync };\n",
      ),
    ).toEqual([
      {
        ruleId: 'no-restricted-imports',
        message:
          "'node:fs' import is restricted from being used. Workflow code must stay replayable: no Node I/O modules in packages/workflow (only node:async_hooks is allowed).",
        line: 1,
      },
    ]);
  });

  it('keeps the AWS SDK out of packages/workflow (which does not declare it either)', async () => {
    const code = "import { SWFClient } from '@aws-sdk/client-swf';\n\nexport { SWFClient };\n";
    expect(await lintAs('packages/workflow/src/bad.ts', code)).toEqual([
      { ruleId: EXTRANEOUS, message: missing('@aws-sdk/client-swf'), line: 1 },
      {
        ruleId: 'no-restricted-imports',
        message:
          "'@aws-sdk/client-swf' import is restricted from being used by a pattern. Workflow code never talks to SWF: the AWS SDK belongs in packages/worker or packages/client.",
        line: 1,
      },
    ]);
  });
});

describe('undeclared dependencies (import-x/no-extraneous-dependencies)', () => {
  it("fails a package's source that imports an npm package its package.json does not declare", async () => {
    const code = "import seedrandom from 'seedrandom';\n\nexport const random = seedrandom('x');\n";
    expect(await lintAs('packages/server/src/bad.ts', code)).toEqual([
      { ruleId: EXTRANEOUS, message: missing('seedrandom'), line: 1 },
    ]);
  });

  it('fails a published source that imports a devDependency (an install from npm would not have it)', async () => {
    const code = "import 'reflect-metadata';\n\nexport const x = 1;\n";
    expect(await lintAs('packages/workflow/src/bad.ts', code)).toEqual([
      {
        ruleId: EXTRANEOUS,
        message: "'reflect-metadata' should be listed in the project's dependencies, not devDependencies.",
        line: 1,
      },
    ]);
  });

  it('fails a workspace package its package.json does not declare, even one the graph allows', async () => {
    const code = "import { Worker } from '@swf-flow/worker';\n\nexport { Worker };\n";
    expect(await lintAs('packages/cli/src/bad.ts', code)).toEqual([
      { ruleId: EXTRANEOUS, message: missing('@swf-flow/worker'), line: 1 },
    ]);
  });

  it("fails a package's test that imports an npm package neither it nor the root declares", async () => {
    const code = "import Database from 'better-sqlite3';\n\nexport const db = new Database(':memory:');\n";
    expect(await lintAs('packages/client/test/bad.test.ts', code)).toEqual([
      { ruleId: EXTRANEOUS, message: missing('better-sqlite3'), line: 1 },
    ]);
  });

  it("fails an example's test that imports a package the example does not declare (it must run when copied out)", async () => {
    const code = "import { createServer } from '@swf-flow/server';\n\nexport { createServer };\n";
    expect(await lintAs('examples/order/test/bad.test.ts', code)).toEqual([
      { ruleId: EXTRANEOUS, message: missing('@swf-flow/server'), line: 1 },
    ]);
  });

  it("lets a package's tests use the root's devDependencies and the workspace packages the graph allows", async () => {
    const code =
      "import { expect } from 'vitest';\nimport { createServer } from '@swf-flow/server';\n\nexport { expect, createServer };\n";
    expect(await lintAs('packages/client/test/fine.test.ts', code)).toEqual([]);
  });
});

describe('waits bound a hang, not a speed (lint/bounded-waits.js)', () => {
  const noBound = (name: string): string =>
    `${name} without a timeout gives up after 1 s (vitest's default): a speed assumption. Bound only a hang ({ timeout: 10_000 } or more, saying what it waits for), or await the event itself.`;
  const shortBound = (name: string, ms: number): string =>
    `${name} gives up after ${ms} ms: a speed assumption. Bound only a hang ({ timeout: 10_000 } or more, saying what it waits for), or await the event itself.`;

  it('refuses vi.waitFor, vi.waitUntil and expect.poll without a bound or with one under 10 s, and lets named bounds through', async () => {
    const code = [
      "import { expect, it, vi } from 'vitest';",
      'const HANG = { timeout: 20_000 };',
      'const HANG_MS = 20_000;',
      "it('waits', async () => {",
      '  const n = Number(process.env.N);',
      '  await vi.waitFor(() => expect(n).toBe(1));',
      '  await vi.waitUntil(() => n === 1, { interval: 5 });',
      '  await expect.poll(() => n).toBe(1);',
      '  await vi.waitFor(() => expect(n).toBe(1), { timeout: 5_000 });',
      '  await vi.waitUntil(() => n === 1, 2_000);',
      '  await vi.waitFor(() => expect(n).toBe(1), { timeout: 10_000 });',
      "  await expect.poll(() => n, { timeout: HANG_MS, message: 'n is 1' }).toBe(1);",
      '  await vi.waitFor(() => expect(n).toBe(1), HANG);',
      '});',
      '',
    ].join('\n');
    expect(await lintAs('packages/server/test/bad.test.ts', code)).toEqual([
      { ruleId: 'local/bounded-waits', message: noBound('vi.waitFor'), line: 6 },
      { ruleId: 'local/bounded-waits', message: noBound('vi.waitUntil'), line: 7 },
      { ruleId: 'local/bounded-waits', message: noBound('expect.poll'), line: 8 },
      { ruleId: 'local/bounded-waits', message: shortBound('vi.waitFor', 5_000), line: 9 },
      { ruleId: 'local/bounded-waits', message: shortBound('vi.waitUntil', 2_000), line: 10 },
    ]);
  });
});

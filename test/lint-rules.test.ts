/**
 * The package graph is a lint error, not a hope: each deliberately bad fixture below is linted with the
 * workspace's own `eslint.config.js` and must fail with the exact rule and message that names the fault.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The workspace's config, without type information: the fixtures belong to no tsconfig project (they
 * are left out of the type check), so the one type-aware rule is filtered out. Every other rule, the
 * resolver settings and the per-package blocks are the ones `npm run lint` uses.
 */
const eslint = new ESLint({
  cwd: root,
  ignore: false, // the fixtures sit in a folder `npm run lint` ignores
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId !== '@typescript-eslint/no-floating-promises',
});

/** One problem as the test compares it: which rule, what it said, on which line. */
interface Problem {
  ruleId: string | null;
  message: string;
  line: number;
}

/** Lints files on disk (paths relative to the repository root) and returns each file's problems. */
async function lintFiles(paths: string[]): Promise<Record<string, Problem[]>> {
  const results = await eslint.lintFiles(paths);
  return Object.fromEntries(
    results.map((r) => [
      r.filePath.slice(root.length),
      r.messages.map(({ ruleId, message, line }) => ({ ruleId, message, line })),
    ]),
  );
}

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

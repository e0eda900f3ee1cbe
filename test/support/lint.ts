/**
 * The workspace's ESLint config, run through ESLint's Node API on code that is not part of the build:
 * deliberately bad fixtures (test/fixtures/lint) and snippets linted as if they sat at a given path.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

/** The repository root, with a trailing slash. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `eslint.config.js` as `npm run lint` uses it, without type information: the fixtures and snippets
 * belong to no tsconfig project, so the one type-aware rule is filtered out. Every other rule, the
 * resolver and the per-package blocks are the real ones.
 */
const eslint = new ESLint({
  cwd: repoRoot,
  ignore: false, // the fixtures sit in a folder `npm run lint` ignores
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId !== '@typescript-eslint/no-floating-promises',
});

/** One problem as the tests compare it: which rule, what it said, on which line. */
export interface LintProblem {
  ruleId: string | null;
  message: string;
  line: number;
}

/** A result's problems in a stable order: by line, then by rule (rules on one import report in any order). */
const problemsOf = (result: ESLint.LintResult): LintProblem[] =>
  result.messages
    .map(({ ruleId, message, line }) => ({ ruleId, message, line }))
    .sort((a, b) => a.line - b.line || (a.ruleId ?? '').localeCompare(b.ruleId ?? ''));

/** Lints files on disk (paths from the repository root); returns each file's problems by that path. */
export async function lintFiles(paths: string[]): Promise<Record<string, LintProblem[]>> {
  const results = await eslint.lintFiles(paths);
  return Object.fromEntries(results.map((r) => [r.filePath.slice(repoRoot.length), problemsOf(r)]));
}

/**
 * Lints `code` as if it were the file at `path` (from the repository root; the file need not exist):
 * the blocks of the config that match `path` apply, and relative imports resolve from its folder.
 */
export async function lintAs(path: string, code: string): Promise<LintProblem[]> {
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}${path}` });
  if (!result) throw new Error(`ESLint returned no result for ${path}`);
  return problemsOf(result);
}

/** How long loading ESLint may take: bounds a hang, not a speed (seconds alone, over 30 s pinned to a busy core). */
export const LOAD_LINT_BOUND_MS = 180_000;

/**
 * Loads what the first lints load — the config, its plugins, the parser, and every workspace source
 * the import rules parse once and cache (import-x/no-cycle follows `@swf-flow/cli` through nearly all
 * of them) — by linting imports of the packages at the top of the graph. Call it in `beforeAll` under
 * {@link LOAD_LINT_BOUND_MS}, so that no test's timeout pays for it.
 */
export async function loadLint(): Promise<void> {
  const code = ['@swf-flow/cli', '@swf-flow/dev', 'create-swf-flow'].map((p) => `export * from '${p}';\n`).join('');
  await lintAs('packages/client/src/load.ts', code);
}

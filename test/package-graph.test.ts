/**
 * ARCHITECTURE.md's package graph is the one lint enforces: for every pair of workspace packages, an
 * import along an arrow of the drawn graph lints clean, and an import that is no arrow fails with
 * import-x/no-restricted-paths. Redrawing the graph without changing the lint config (or the reverse)
 * fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOAD_LINT_BOUND_MS, lintAs, loadLint, repoRoot } from './support/lint.js';

beforeAll(loadLint, LOAD_LINT_BOUND_MS);

/** The arrows drawn in ARCHITECTURE.md's "The package graph" code block, by package. */
function drawnGraph(): Map<string, string[]> {
  const text = readFileSync(`${repoRoot}ARCHITECTURE.md`, 'utf8');
  const section = text.slice(text.indexOf('## The package graph'));
  const block = /```\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('ARCHITECTURE.md has no code block under "## The package graph"');
  const graph = new Map<string, string[]>();
  for (const line of block.trim().split('\n')) {
    const [from, to] = line.split('──►').map((s) => s.trim());
    if (!from || to === undefined) throw new Error(`not an arrow line in ARCHITECTURE.md: ${line}`);
    graph.set(from, to === '(nothing)' ? [] : to.split(',').map((s) => s.trim()));
  }
  return graph;
}

/** The npm name of a package folder under packages/. */
const nameOf = (dir: string): string =>
  (JSON.parse(readFileSync(`${repoRoot}packages/${dir}/package.json`, 'utf8')) as { name: string }).name;

const graph = drawnGraph();
const packages = readdirSync(`${repoRoot}packages`);
const examples = readdirSync(`${repoRoot}examples`, { withFileTypes: true }).filter((e) => e.isDirectory());

/** Every (importer, imported) pair: each package, and one example standing for `examples/*`. */
const pairs = [...packages, 'examples/*'].flatMap((importer) =>
  packages
    .filter((imported) => imported !== importer)
    .map((imported) => ({ importer, imported, allowed: graph.get(importer)?.includes(imported) ?? false })),
);

describe('ARCHITECTURE.md draws the graph lint enforces', () => {
  it('draws every package and every example folder', () => {
    expect([...graph.keys()].sort()).toEqual([...packages, 'examples/*'].sort());
    expect(examples.length).toBeGreaterThan(0);
    expect(pairs.filter((p) => p.allowed).length).toBeGreaterThan(10);
  });

  it.each(pairs)('$importer -> $imported: allowed $allowed', async ({ importer, imported, allowed }) => {
    const path = importer === 'examples/*' ? `examples/${examples[0]?.name}/src/x.ts` : `packages/${importer}/src/x.ts`;
    const problems = await lintAs(path, `import * as other from '${nameOf(imported)}';\n\nexport { other };\n`);
    const graphRule = problems.filter((p) => p.ruleId === 'import-x/no-restricted-paths'); // not the package.json checks
    expect(graphRule.length).toBe(allowed ? 0 : 1);
  });
});

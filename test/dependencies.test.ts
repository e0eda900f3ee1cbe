/**
 * Every dependency a workspace package.json declares is used: a `dependencies` entry by a published
 * file, a `devDependencies` entry by some file or script (the other direction, every import declared,
 * is the lint rule import-x/no-extraneous-dependencies). The check is proven on a deliberately bad
 * fixture first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/lint.js';
import { unusedDependencies } from './support/unused-dependencies.js';

/** The workspace folders the root package.json names (`examples/*` expanded). */
function workspaceFolders(): string[] {
  const { workspaces } = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as { workspaces: string[] };
  return workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    return readdirSync(`${repoRoot}${parent}`, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `${parent}/${e.name}`);
  });
}

describe('unused dependencies', () => {
  it('are found in a deliberately bad package', () => {
    expect(unusedDependencies(`${repoRoot}test/fixtures/lint/unused-dependency`)).toEqual([
      'unused-dependency-fixture: dependencies has better-sqlite3, which no published file imports (only tests import it: move it to devDependencies)',
      'unused-dependency-fixture: dependencies has reflect-metadata, which no published file imports',
      'unused-dependency-fixture: devDependencies has playwright-core, which nothing imports and no script runs',
    ]);
  });

  it.each(workspaceFolders())('none in %s', (dir) => {
    expect(unusedDependencies(`${repoRoot}${dir}`)).toEqual([]);
  });
});

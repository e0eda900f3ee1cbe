/**
 * Every example can be copied out of the repository and installed on its own: each file imports
 * only packages its package.json declares (Node built-ins aside) and relative paths inside the
 * example, never `../../shared` or another package's sources; and its package.json runs it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const examplesDir = fileURLToPath(new URL('../examples/', import.meta.url));
const examples = readdirSync(examplesDir).filter((d) => statSync(join(examplesDir, d)).isDirectory());

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'fixtures' ? [] : sourceFiles(path);
    return /\.(ts|mts|cts|js|mjs)$/.test(e.name) ? [path] : [];
  });
}

/** Module specifiers of static imports, re-exports and dynamic imports with a literal. */
function specifiers(source: string): string[] {
  const found = [
    ...source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g),
    ...source.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g),
    ...source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return found.map((m) => m[1] ?? '');
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

const builtins = new Set(builtinModules);

describe.each(examples)('examples/%s', (name) => {
  const dir = join(examplesDir, name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
    scripts?: Record<string, string>;
  };
  const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);

  it('imports only the packages its package.json declares, and nothing outside its folder', () => {
    const problems: string[] = [];
    for (const file of sourceFiles(dir)) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        const where = relative(dir, file);
        if (spec.startsWith('.')) {
          const target = resolve(dirname(file), spec);
          if (relative(dir, target).startsWith('..')) problems.push(`${where}: '${spec}' reaches outside the example`);
        } else if (spec.startsWith('node:') || builtins.has(spec)) {
          continue;
        } else if (!declared.has(packageName(spec))) {
          problems.push(`${where}: imports '${spec}', which package.json does not declare`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('runs with npm start and tests with npm test when copied out', () => {
    expect(pkg.scripts?.start).toBe('tsx src/main.ts');
    expect(pkg.scripts?.test).toBe('vitest run');
    expect(declared).toContain('tsx');
    expect(declared).toContain('vitest');
  });
});

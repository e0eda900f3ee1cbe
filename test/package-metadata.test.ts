/**
 * Every published package's package.json is complete and agrees with the others: license,
 * repository, engines, an exports map for ESM, CJS and types, `files`, `sideEffects`,
 * `publishConfig.access`, a LICENSE file, one shared version (changesets' fixed group) and exact
 * internal dependency versions. (test/packed-tarballs.test.ts checks the built, packed result with
 * publint and arethetypeswrong, installs it and runs it.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const read = (path: string): Record<string, any> => JSON.parse(readFileSync(join(root, path), 'utf8'));
const rootPkg = read('package.json');
const dirs = readdirSync(join(root, 'packages')).filter((d) => existsSync(join(root, 'packages', d, 'package.json')));
const packages = dirs.map((dir) => ({ dir, pkg: read(`packages/${dir}/package.json`) }));
const license = readFileSync(join(root, 'LICENSE'), 'utf8');

describe('the repository', () => {
  it('has an Apache-2.0 LICENSE, a CHANGELOG.md and a CONTRIBUTING.md', () => {
    expect(rootPkg.license).toBe('Apache-2.0');
    expect(license).toMatch(/Apache License\s+Version 2\.0, January 2004/);
    expect(existsSync(join(root, 'CHANGELOG.md'))).toBe(true);
    expect(readFileSync(join(root, 'CONTRIBUTING.md'), 'utf8')).toMatch(/## Releasing/);
  });

  it('versions every published package together (changesets fixed group) and lists each as a workspace', () => {
    const config = read('.changeset/config.json');
    const published = packages
      .filter((p) => !p.pkg.private)
      .map((p) => p.pkg.name as string)
      .sort();
    expect([...(config.fixed[0] as string[])].sort()).toEqual(published);
    expect(config.access).toBe('public');
    expect(new Set(packages.map((p) => p.pkg.version))).toEqual(new Set([packages[0]?.pkg.version]));
    for (const { dir } of packages) expect(rootPkg.workspaces).toContain(`packages/${dir}`);
  });
});

describe.each(packages)('packages/$dir', ({ dir, pkg }) => {
  it('is complete for publishing', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.name).toMatch(/^(@swf-flow\/[a-z-]+|create-swf-flow)$/);
    expect(typeof pkg.description).toBe('string');
    expect(pkg.license).toBe(rootPkg.license);
    expect(pkg.repository).toEqual({ ...rootPkg.repository, directory: `packages/${dir}` });
    expect(pkg.engines).toEqual(rootPkg.engines);
    expect(pkg.type).toBe('module');
    expect(pkg.sideEffects === false || Array.isArray(pkg.sideEffects)).toBe(true);
    expect(pkg.publishConfig).toEqual({ access: 'public' });
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'README.md', 'LICENSE']));
    expect(readFileSync(join(root, 'packages', dir, 'LICENSE'), 'utf8')).toBe(license);
    expect(existsSync(join(root, 'packages', dir, 'README.md'))).toBe(true);
  });

  it('exports ESM, CJS and their types, types first', () => {
    const dot = pkg.exports['.'];
    expect(Object.keys(dot)).toEqual(['import', 'require']);
    expect(dot.import).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(dot.require).toEqual({ types: './dist/index.d.cts', default: './dist/index.cjs' });
    expect(pkg.exports['./package.json']).toBe('./package.json');
    expect([pkg.main, pkg.module, pkg.types]).toEqual(['./dist/index.cjs', './dist/index.js', './dist/index.d.ts']);
    expect(pkg.scripts.build).toBe('tsup');
  });

  it('depends on the other packages at exactly their shared version', () => {
    for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies } as Record<
      string,
      string
    >)) {
      if (name.startsWith('@swf-flow/') || name === 'create-swf-flow')
        expect(`${name}@${range}`).toBe(`${name}@${pkg.version}`);
    }
  });
});

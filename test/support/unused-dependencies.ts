/**
 * Finds what a package.json declares and its folder never uses: a `dependencies` entry no published
 * file imports (users install it for nothing), a `devDependencies` entry nothing imports and no script
 * runs. Imports are read with TypeScript's own pre-processor (static and dynamic `import`, `export
 * from`, `require`), from every source file of the folder but nested projects and build output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import ts from 'typescript';

/** The fields of a package.json this check reads. */
interface Manifest {
  name: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const SOURCE = /\.(?:[cm]?ts|[cm]?js)$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'coverage', '.tmp']);

/** A file only tests use: colocated `*.test.ts`, a `test/` folder, `src/test-support/`. */
const isTestFile = (path: string): boolean =>
  /\.test\.[cm]?ts$/.test(path) || /(^|\/)test\//.test(path) || /(^|\/)src\/test-support\//.test(path);

/** The source files under `dir` (paths relative to it), leaving out nested projects and build output. */
function sourceFiles(dir: string, sub = ''): string[] {
  return readdirSync(`${dir}/${sub}`, { withFileTypes: true }).flatMap((entry) => {
    const path = `${sub}${entry.name}`;
    if (entry.isDirectory()) {
      if (SKIPPED_FOLDERS.has(entry.name)) return [];
      const nested = readdirSync(`${dir}/${path}`).includes('package.json');
      return nested ? [] : sourceFiles(dir, `${path}/`);
    }
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** The npm package an import specifier names (`@scope/pkg/sub` -> `@scope/pkg`), or none for a path. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || isBuiltin(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The packages the files import, each file read once. */
function importedPackages(dir: string, files: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(`${dir}/${file}`, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      const name = packageOf(fileName);
      if (name) names.add(name);
    }
  }
  return names;
}

/** Whether a package.json script runs `name`'s command (e.g. `tsx src/main.ts` runs tsx). */
const runByScript = (manifest: Manifest, name: string): boolean =>
  Object.values(manifest.scripts ?? {}).some((script) => new RegExp(`(^|[\\s;&|(])${name}(\\s|$)`).test(script));

/**
 * What the package.json in `dir` declares and nothing uses, one sentence each (empty when all is
 * used). `@types/x` counts as used when `x` is declared.
 */
export function unusedDependencies(dir: string): string[] {
  const manifest = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as Manifest;
  const files = sourceFiles(dir);
  const published = importedPackages(
    dir,
    files.filter((f) => !isTestFile(f)),
  );
  const all = new Set([...published, ...importedPackages(dir, files.filter(isTestFile))]);
  const declared = new Set(
    [manifest.dependencies, manifest.devDependencies, manifest.peerDependencies, manifest.optionalDependencies].flatMap(
      (deps) => Object.keys(deps ?? {}),
    ),
  );
  const problems: string[] = [];
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'] as const) {
    for (const name of Object.keys(manifest[field] ?? {})) {
      if (published.has(name)) continue;
      const onlyTests = all.has(name) ? ' (only tests import it: move it to devDependencies)' : '';
      problems.push(`${manifest.name}: ${field} has ${name}, which no published file imports${onlyTests}`);
    }
  }
  for (const name of Object.keys(manifest.devDependencies ?? {})) {
    if (all.has(name) || runByScript(manifest, name)) continue;
    if (name.startsWith('@types/') && declared.has(name.slice('@types/'.length).replace(/^(.*)__/, '@$1/'))) continue;
    problems.push(`${manifest.name}: devDependencies has ${name}, which nothing imports and no script runs`);
  }
  return problems;
}

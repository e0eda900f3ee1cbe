/**
 * `scaffold`: writes a new swf-flow project from the template shipped with this package: an
 * activity class, a workflow, a worker, a starter, a one-process `npm start`, a replay test with
 * its fixture, a vitest config, a tsconfig and a README.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the `@swf-flow` packages of the new project come from. */
export type PackageSource =
  /** The registry, at this version range (e.g. `'^0.1.0'`). */
  | { version: string }
  /** Local `npm pack` tarballs in this directory (`swf-flow-worker-0.1.0.tgz`, ...): for testing unreleased builds. */
  | { tarballs: string };

/** Options of {@link scaffold}. */
export interface ScaffoldOptions {
  /** The directory to create (or an empty one to fill). */
  directory: string;
  /** The package name. @default the directory's name */
  name?: string;
  /** Where the `@swf-flow` packages come from. @default `{ version: '^' + this package's version }` */
  packages?: PackageSource;
}

/** What {@link scaffold} wrote. */
export interface ScaffoldResult {
  /** The project directory, absolute. */
  directory: string;
  /** The package name. */
  name: string;
  /** The files written, relative to `directory`, sorted. */
  files: string[];
}

/** The swf-flow packages a new project depends on, directly or through another (the cli uses this one). */
const SWF_FLOW_PACKAGES = [
  ...['activity', 'cli', 'client', 'common', 'dev', 'server', 'testing', 'worker', 'workflow'].map(
    (p) => `@swf-flow/${p}`,
  ),
  'create-swf-flow',
];

/** This package's folder (the template sits beside `dist/` and `src/`). */
function packageRoot(): string {
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  return resolve(here, '..');
}

/** This package's version, which the `@swf-flow` packages share. */
export function ownVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

function templateFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? templateFiles(path, base) : [relative(base, path)];
  });
}

/** npm's rules for a new package's name, with a message that says what to change. */
function checkName(name: string): void {
  if (name.length === 0 || name.length > 214)
    throw new Error(`the project name must have 1 to 214 characters; got '${name}'`);
  if (!/^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/.test(name)) {
    throw new Error(
      `'${name}' cannot be an npm package name: use lowercase letters, digits, '-', '.' or '_' (e.g. 'my-app'), or pass another name`,
    );
  }
}

/** package.json versions for the `@swf-flow` packages, and npm overrides that pin the ones pulled in indirectly. */
function dependencySpecs(source: PackageSource): {
  spec: (name: string) => string;
  overrides?: Record<string, string>;
} {
  if ('version' in source) return { spec: () => source.version };
  const dir = resolve(source.tarballs);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(
      `the tarball folder ${dir} is not a directory: give the folder the @swf-flow packages were packed into (npm pack --pack-destination <dir>)`,
    );
  }
  const files = readdirSync(dir);
  const found = new Map<string, string>();
  for (const name of SWF_FLOW_PACKAGES) {
    const prefix = `${name.replace(/^@/, '').replace('/', '-')}-`;
    const file = files.find((f) => f.startsWith(prefix) && f.endsWith('.tgz') && /^\d/.test(f.slice(prefix.length)));
    if (!file)
      throw new Error(`no tarball for ${name} in ${dir} (expected ${prefix}<version>.tgz, as 'npm pack' names it)`);
    found.set(name, `file:${join(dir, file)}`);
  }
  const spec = (name: string): string => found.get(name) ?? '';
  return { spec, overrides: Object.fromEntries(found) };
}

/**
 * Writes a new project into `options.directory` (created if needed; an existing directory must be
 * empty) and returns what it wrote. Nothing is installed: the project's README says
 * `npm install && npm start`.
 *
 * @throws Error when the directory exists and is not empty, the name is not a valid npm package
 *   name, or the tarball folder or a tarball in it is missing.
 * @example
 * ```ts
 * import { scaffold } from 'create-swf-flow';
 * const { directory, files } = await scaffold({ directory: 'my-app' });
 * console.log(`wrote ${files.length} files to ${directory}`);
 * ```
 */
export async function scaffold(options: ScaffoldOptions): Promise<ScaffoldResult> {
  if (typeof options?.directory !== 'string' || options.directory.trim() === '') {
    throw new Error("scaffold: directory must name the folder to create, e.g. 'my-app'");
  }
  const directory = resolve(options.directory);
  const name = options.name ?? basename(directory).toLowerCase();
  checkName(name);
  if (existsSync(directory) && (!statSync(directory).isDirectory() || readdirSync(directory).length > 0)) {
    throw new Error(
      `${directory} already exists and is not an empty directory: choose a new name, or empty it first (nothing was written)`,
    );
  }
  const { spec, overrides } = dependencySpecs(options.packages ?? { version: `^${ownVersion()}` });
  const template = join(packageRoot(), 'template');
  const written: string[] = [];
  for (const file of templateFiles(template)) {
    let text = readFileSync(join(template, file), 'utf8').replaceAll('{{name}}', name);
    if (file === 'package.json') {
      const pkg = JSON.parse(text) as Record<string, Record<string, string> | string>;
      for (const field of ['dependencies', 'devDependencies'] as const) {
        const deps = pkg[field] as Record<string, string>;
        for (const dep of Object.keys(deps)) if (deps[dep] === '{{swf-flow}}') deps[dep] = spec(dep);
      }
      if (overrides) pkg.overrides = overrides;
      text = `${JSON.stringify(pkg, null, 2)}\n`;
    }
    const target = file === 'gitignore' ? '.gitignore' : file; // npm pack drops files named .gitignore
    mkdirSync(dirname(join(directory, target)), { recursive: true });
    writeFileSync(join(directory, target), text);
    written.push(target);
  }
  return { directory, name, files: written.sort() };
}

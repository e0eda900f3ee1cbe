/**
 * Builds and packs every publishable package the way a release does (tsup, then `npm pack`), in a
 * staged copy outside the repository so that the checkout's files and `node_modules` are left as
 * they are while other tests run.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The publishable packages in build order (each after what it imports). */
export const PACKAGES = [
  'common',
  'workflow',
  'activity',
  'client',
  'server',
  'worker',
  'testing',
  'dev',
  'create-swf-flow',
  'cli',
] as const;

/** What {@link buildAndPack} made. */
export interface Packed {
  /** The staged copy of the repository's packages (built). */
  stage: string;
  /** The directory holding one `npm pack` tarball per package. */
  tarballs: string;
  /** Package name -> tarball path. */
  files: Map<string, string>;
}

/** Copies the packages (without node_modules and dist) and links the workspace's dependencies, the packages themselves pointing at the copies. */
function stageRepository(root: string, stage: string): void {
  for (const file of ['tsconfig.base.json', 'tsconfig.build.json', 'tsup.base.ts', 'LICENSE'])
    cpSync(join(root, file), join(stage, file));
  for (const dir of PACKAGES) {
    cpSync(join(root, 'packages', dir), join(stage, 'packages', dir), {
      recursive: true,
      filter: (src) => !/[/\\](node_modules|dist)([/\\]|$)/.test(src),
    });
  }
  const modules = join(stage, 'node_modules');
  mkdirSync(join(modules, '@swf-flow'), { recursive: true });
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry === '@swf-flow' || entry === 'create-swf-flow' || entry === '.bin' || entry.startsWith('.')) continue;
    symlinkSync(join(root, 'node_modules', entry), join(modules, entry));
  }
  for (const dir of PACKAGES) {
    const name = (JSON.parse(readFileSync(join(stage, 'packages', dir, 'package.json'), 'utf8')) as { name: string })
      .name;
    symlinkSync(join(stage, 'packages', dir), join(modules, name));
  }
}

/** Stages, builds (tsup: ESM, CJS, declarations) and packs every package into `work`. */
export async function buildAndPack(root: string, work: string): Promise<Packed> {
  const stage = join(work, 'stage');
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  stageRepository(root, stage);
  const tsup = join(root, 'node_modules/tsup/dist/cli-default.js');
  for (const dir of PACKAGES) {
    await run(process.execPath, [tsup, '--silent'], { cwd: join(stage, 'packages', dir), timeout: 300_000 });
  }
  const { stdout } = await run(
    'npm',
    ['pack', '--json', '--pack-destination', tarballs, ...PACKAGES.map((d) => join(stage, 'packages', d))],
    { cwd: work, timeout: 120_000 },
  );
  const packed = JSON.parse(stdout) as Array<{ name: string; filename: string }>;
  return { stage, tarballs, files: new Map(packed.map((p) => [p.name, join(tarballs, p.filename)])) };
}

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProject, ownVersion, scaffold } from './index.js';

const work = mkdtempSync(join(tmpdir(), 'create-swf-flow-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every path under `dir`, relative to it. */
const listing = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String);

const FILES = [
  '.gitignore',
  'README.md',
  'package.json',
  'src/activities.ts',
  'src/main.ts',
  'src/program.ts',
  'src/starter.ts',
  'src/worker.ts',
  'src/workflows.ts',
  'test/fixtures/greeting-completed.json',
  'test/replay.test.ts',
  'tsconfig.build.json',
  'tsconfig.json',
  'vitest.config.ts',
];

describe('scaffold', () => {
  it('writes the project, named after its directory, on the registry packages of this version', async () => {
    const result = await scaffold({ directory: join(work, 'My-App') });
    expect(result.name).toBe('my-app');
    expect(result.files).toEqual(FILES);
    const pkg = JSON.parse(readFileSync(join(result.directory, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('my-app');
    expect(pkg.scripts).toMatchObject({ start: 'tsx src/main.ts', test: 'tsc && vitest run' });
    // A deploy runs plain node on compiled JavaScript: `npm run build` writes dist/ (ignored by git)
    // from src/ only, and the README says how to run it and what Amazon SWF needs.
    expect(pkg.scripts.build).toBe('tsc -p tsconfig.build.json');
    const build = JSON.parse(readFileSync(join(result.directory, 'tsconfig.build.json'), 'utf8'));
    expect(build).toMatchObject({
      extends: './tsconfig.json',
      compilerOptions: { noEmit: false, outDir: 'dist', rootDir: 'src' },
      include: ['src'],
      exclude: ['src/main.ts'], // npm start's program, on the local service: not shipped
    });
    expect(readFileSync(join(result.directory, '.gitignore'), 'utf8')).toContain('dist/');
    const readme = readFileSync(join(result.directory, 'README.md'), 'utf8');
    expect(readme).toContain('node dist/worker.js');
    // Tried on this machine first: the built worker on the local service, not Amazon SWF (no region there).
    expect(readme).toContain('AWS_ENDPOINT_URL_SWF=http://127.0.0.1:8787 node dist/worker.js');
    // After npm start the CLI reads ./.swf-flow itself: recording a fixture needs no server.
    expect(readme).not.toContain('in one terminal serves what it recorded');
    expect(readme).toContain('patched(');
    expect(pkg.dependencies['@swf-flow/worker']).toBe(`^${ownVersion()}`);
    expect(pkg.devDependencies['@swf-flow/testing']).toBe(`^${ownVersion()}`);
    // What ships (the dependencies: npm ci --omit=dev) has no local service: @swf-flow/dev is npm start's.
    expect(pkg.dependencies['@swf-flow/dev']).toBeUndefined();
    expect(pkg.devDependencies['@swf-flow/dev']).toBe(`^${ownVersion()}`);
    expect(pkg.overrides).toBeUndefined();
    expect(readFileSync(join(result.directory, 'README.md'), 'utf8')).toMatch(
      /^# my-app\n[\s\S]*npm install && npm start[\s\S]*npm test/,
    );
    expect(readFileSync(join(result.directory, '.gitignore'), 'utf8')).toContain('.swf-flow/');
  });

  it('points every @swf-flow package at local tarballs, pinned through overrides', async () => {
    const tarballs = join(work, 'tarballs');
    mkdirSync(tarballs);
    for (const p of ['activity', 'cli', 'client', 'common', 'dev', 'server', 'testing', 'worker', 'workflow'])
      writeFileSync(join(tarballs, `swf-flow-${p}-0.1.0.tgz`), '');
    writeFileSync(join(tarballs, 'create-swf-flow-0.1.0.tgz'), '');
    writeFileSync(join(tarballs, 'swf-flow-workflow-extra-0.1.0.tgz'), ''); // not @swf-flow/workflow's
    const { directory } = await scaffold({ directory: join(work, 'local'), packages: { tarballs } });
    const pkg = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
    expect(pkg.dependencies['@swf-flow/workflow']).toBe(`file:${join(tarballs, 'swf-flow-workflow-0.1.0.tgz')}`);
    expect(Object.keys(pkg.overrides).sort()).toEqual([
      ...['activity', 'cli', 'client', 'common', 'dev', 'server', 'testing', 'worker', 'workflow'].map(
        (p) => `@swf-flow/${p}`,
      ),
      'create-swf-flow',
    ]);
    expect(pkg.overrides['create-swf-flow']).toBe(`file:${join(tarballs, 'create-swf-flow-0.1.0.tgz')}`);
    expect(pkg.overrides['@swf-flow/server']).toBe(`file:${join(tarballs, 'swf-flow-server-0.1.0.tgz')}`);
  });

  it.each([
    [
      'a non-empty directory',
      () => {
        mkdirSync(join(work, 'full'));
        writeFileSync(join(work, 'full', 'x'), '');
        return scaffold({ directory: join(work, 'full') });
      },
      /already exists and is not an empty directory/,
    ],
    [
      'a name npm refuses',
      () => scaffold({ directory: join(work, 'ok'), name: 'Bad Name' }),
      /cannot be an npm package name/,
    ],
    ['no directory', () => scaffold({ directory: ' ' }), /directory must name the folder/],
    [
      'a missing tarball folder, naming the folder',
      () => scaffold({ directory: join(work, 'nt'), packages: { tarballs: join(work, 'nowhere') } }),
      /the tarball folder .*nowhere is not a directory: give the folder the @swf-flow packages were packed into/,
    ],
    [
      'a missing tarball',
      () => {
        mkdirSync(join(work, 'empty-tarballs'));
        return scaffold({ directory: join(work, 'nt'), packages: { tarballs: join(work, 'empty-tarballs') } });
      },
      /no tarball for @swf-flow\/activity/,
    ],
  ])('refuses %s and writes nothing', async (_what, run, message) => {
    const before = listing(work);
    await expect(run()).rejects.toThrow(message);
    // Only what the case itself made (a folder, a file in it) is there: no project file was written.
    expect(listing(work).filter((f) => !before.includes(f))).toEqual(
      expect.not.arrayContaining([expect.stringMatching(/package\.json$|README\.md$|src/)]),
    );
  });
});

describe('createProject (npm create swf-flow / swf-flow init)', () => {
  const io = () => {
    const out = { stdout: '', stderr: '' };
    return {
      out,
      io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) },
    };
  };

  it('writes the project and prints the two commands to run next', async () => {
    const { out, io: cli } = io();
    expect(await createProject([join(work, 'cli-app'), '--name', 'cli-app'], cli)).toBe(0);
    expect(out.stdout).toContain('Created cli-app in');
    expect(out.stdout).toContain('npm install && npm start');
    expect(out.stdout).toContain('npm test');
  });

  it.each([
    [['--bogus'], 2, /unknown option '--bogus'/],
    [['a', 'b'], 2, /one directory at most/],
    [['--name'], 2, /--name needs a value/],
    [['x', '--from-tarballs', '--name', 'y'], 2, /--from-tarballs needs a value/],
  ])('%j exits %d with a usage message', async (args, status, message) => {
    const { out, io: cli } = io();
    expect(await createProject(args, cli, 'swf-flow init')).toBe(status);
    expect(out.stderr).toMatch(message);
  });

  it('--help prints the usage and exits 0', async () => {
    const { out, io: cli } = io();
    expect(await createProject(['--help'], cli, 'swf-flow init')).toBe(0);
    expect(out.stdout).toMatch(/^Usage: swf-flow init \[directory\]/);
  });

  it('a failure exits 1 with the reason', async () => {
    const { out, io: cli } = io();
    expect(await createProject([join(work, 'x'), '--name', 'NO'], cli)).toBe(1);
    expect(out.stderr).toMatch(/cannot be an npm package name/);
  });
});

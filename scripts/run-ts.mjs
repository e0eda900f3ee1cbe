#!/usr/bin/env node
/**
 * Runs a TypeScript program of this repository (`npm start` runs the order example with it):
 *
 *     node scripts/run-ts.mjs examples/order/src/main.ts [arguments…]
 *
 * `node --import tsx main.ts` compiles ~200 modules through ESM loader hooks on every start, which
 * cost about a second of CPU before the program does anything (BENCHMARKS.md, target 4). This
 * script bundles the program and the workspace packages it imports (resolved through
 * tsconfig.json's `paths`, as tsx and the tests resolve them) into one ES module with esbuild — the
 * compiler tsx itself uses, with the same tsconfig — and runs that. Packages from node_modules stay
 * outside the bundle and load as usual.
 *
 * The bundle is cached in `node_modules/.cache/swf-flow/` with the size and modification time of
 * every file that went into it; it is built again when any of them (or tsconfig.json, or esbuild's
 * version) changes, so an edit shows on the next start. A program runs as if started directly:
 * `process.argv[1]` is its .ts file, each module's `import.meta.url` is its own source file's URL
 * (the local service finds its model and web assets next to its sources), and stack traces name
 * the .ts sources (inline source maps, `process.setSourceMapsEnabled`).
 *
 * A program that starts a thread on a TypeScript module of its own (the local service's thread,
 * `@swf-flow/server`) can have it bundled and cached the same way: run-ts offers
 * `globalThis[Symbol.for('swf-flow.run-ts.bundle')](entry)`, which resolves with the file URL of
 * `entry`'s bundle, so that the thread starts without compiling TypeScript.
 *
 * Set `SWF_FLOW_RUN_TS_DEBUG=1` to print whether the cached bundle was used, and
 * `SWF_FLOW_RUN_TS_CACHE` to keep the bundles in another directory.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const TSCONFIG = join(ROOT, 'tsconfig.json');
/** The identifier `import.meta.url` becomes; each module declares its own (esbuild renames them apart). */
const META_URL = '__swfFlowImportMetaUrl';

/**
 * Where bundles are kept: `$SWF_FLOW_RUN_TS_CACHE` if set, else node_modules/.cache (the usual place),
 * or the temp directory if that is not writable.
 */
function cacheDir() {
  const places = process.env.SWF_FLOW_RUN_TS_CACHE
    ? [resolve(process.env.SWF_FLOW_RUN_TS_CACHE)]
    : [join(ROOT, 'node_modules', '.cache', 'swf-flow'), join(tmpdir(), 'swf-flow-run-ts-cache')];
  for (const dir of places) {
    try {
      mkdirSync(dir, { recursive: true });
      return dir;
    } catch {
      // try the next place
    }
  }
  throw new Error(
    `run-ts: cannot create a cache directory (tried ${places.join(', ')}); set SWF_FLOW_RUN_TS_CACHE to a writable one`,
  );
}

/** `[size, mtimeMs]` of a file, or `null` if it is gone. */
function stamp(file) {
  try {
    const s = statSync(file);
    return [s.size, s.mtimeMs];
  } catch {
    return null;
  }
}

/** True when the bundle described by `metaFile` exists and none of its inputs changed since it was built. */
function upToDate(metaFile, bundleFile) {
  let meta;
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8'));
  } catch {
    return false;
  }
  if (stamp(bundleFile) === null) return false;
  return Object.entries(meta.inputs).every(([file, before]) => {
    const now = stamp(file);
    return now !== null && now[0] === before[0] && now[1] === before[1];
  });
}

/** esbuild plugin: gives every module of the repository its own source URL as `import.meta.url`. */
const ownImportMetaUrl = {
  name: 'swf-flow-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const declaration = `const ${META_URL} = ${JSON.stringify(pathToFileURL(args.path).href)};`;
      // On the first line, so that every line keeps its number in stack traces (a `#!` line, which
      // means nothing inside a bundle, gives way to it).
      const contents = source.startsWith('#!')
        ? declaration + source.slice(source.indexOf('\n'))
        : `${declaration} ${source}`;
      return { contents, loader: 'ts' };
    });
  },
};

/** Builds the bundle of `entry` into `bundleFile` and records its inputs in `metaFile` (both written atomically). */
async function bundle(entry, bundleFile, metaFile) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: TSCONFIG,
    define: { 'import.meta.url': META_URL },
    sourcemap: 'inline',
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: 'error',
    plugins: [ownImportMetaUrl],
  });
  const inputs = {};
  for (const file of [...Object.keys(result.metafile.inputs).map((f) => resolve(ROOT, f)), TSCONFIG]) {
    inputs[file] = stamp(file);
  }
  inputs[fileURLToPath(import.meta.url)] = stamp(fileURLToPath(import.meta.url));
  inputs[join(ROOT, 'node_modules', 'esbuild', 'package.json')] = stamp(
    join(ROOT, 'node_modules', 'esbuild', 'package.json'),
  );
  const suffix = `.${process.pid}.tmp`;
  writeFileSync(bundleFile + suffix, result.outputFiles[0].contents);
  writeFileSync(metaFile + suffix, JSON.stringify({ entry, inputs }));
  renameSync(bundleFile + suffix, bundleFile);
  renameSync(metaFile + suffix, metaFile);
}

/**
 * The bundle of `entry` (an absolute path), built now unless the cached one is up to date. Also
 * offered to the program as `globalThis[Symbol.for('swf-flow.run-ts.bundle')](entry)`, resolving with
 * the bundle's file URL: a thread's program (the local service's, `@swf-flow/server`) is bundled and
 * cached like the program itself, so that the thread starts without compiling TypeScript.
 */
async function cachedBundle(entry) {
  const name = createHash('sha256').update(entry).digest('hex').slice(0, 16);
  const dir = cacheDir();
  const bundleFile = join(dir, `${name}.mjs`);
  const metaFile = join(dir, `${name}.json`);
  const cached = upToDate(metaFile, bundleFile);
  if (!cached) await bundle(entry, bundleFile, metaFile);
  if (process.env.SWF_FLOW_RUN_TS_DEBUG) console.error(`run-ts: ${cached ? 'cached' : 'built'} ${bundleFile}`);
  return bundleFile;
}

async function main() {
  const [target] = process.argv.slice(2);
  if (!target || !/\.[cm]?ts$/.test(target)) {
    console.error('usage: node scripts/run-ts.mjs <program.ts> [arguments…]  (a TypeScript file of this repository)');
    process.exit(2);
  }
  const entry = resolve(target);
  if (stamp(entry) === null) {
    console.error(`run-ts: ${target} does not exist (resolved to ${entry}); give the path of a .ts file`);
    process.exit(2);
  }
  let bundleFile;
  try {
    bundleFile = await cachedBundle(entry);
  } catch (err) {
    // esbuild has printed the errors (file:line and what is wrong) already.
    console.error(`run-ts: could not compile ${relative(process.cwd(), entry)}: ${err?.message ?? err}`);
    process.exit(1);
  }
  globalThis[Symbol.for('swf-flow.run-ts.bundle')] = async (other) =>
    pathToFileURL(await cachedBundle(resolve(other))).href;
  process.setSourceMapsEnabled(true);
  // The program sees the command line it would see if started directly: node <program.ts> [arguments…].
  process.argv.splice(1, 2, entry);
  await import(pathToFileURL(bundleFile).href);
}

await main();

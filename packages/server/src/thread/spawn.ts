/**
 * How the service's thread is started. From the published build, its program is
 * `dist/thread/main.js`, beside the package's entry. From the TypeScript sources (this repository's
 * tests, `tsx`, `npm start`), the program is `main.ts`, which a new thread cannot load by itself:
 * tsx's hooks reach worker threads on Node 22 but not on Node 20, and vitest's never do. So from
 * the sources:
 * - under `scripts/run-ts.mjs` (`npm start`), which bundles the program it runs, `main.ts` is
 *   bundled and cached the same way (run-ts offers its bundler as
 *   `globalThis[Symbol.for('swf-flow.run-ts.bundle')]`), and the thread loads the bundle;
 * - anywhere else, the thread first registers tsx's ESM hooks itself (`tsx/esm/api`, as the Lambda
 *   handler host does), then imports `main.ts` (compiled on the thread: ~0.5 s more to start).
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { findTsxEsmApi } from '../tsx-api.js';
import type { ServerThreadData } from './protocol.js';

/** The thread's name (in inspectors and `--cpu-prof` files). */
const THREAD_NAME = 'swf-flow local service';

/** What `scripts/run-ts.mjs` offers the program it runs: the file URL of another entry's bundle. */
const RUN_TS_BUNDLE = Symbol.for('swf-flow.run-ts.bundle');

/**
 * The thread's start from the sources (CommonJS source; `eval: true` workers run scripts): the
 * bundle of `main.ts` with source maps on, or tsx's hooks and then `main.ts`.
 */
const FROM_SOURCES = String.raw`
const { workerData } = require('node:worker_threads');
const { boot } = workerData;
if (boot.bundle) {
  process.setSourceMapsEnabled(true);
  import(boot.bundle);
} else {
  import(boot.tsx).then((api) => {
    (api.register ?? api.default.register)();
    return import(boot.entry);
  });
}
`;

/** The URL of tsx's ESM API as seen from `from` (or the working directory), or an error that says what to do. */
function tsxApi(from: string): string {
  const api = findTsxEsmApi([from, join(process.cwd(), 'index.js')]);
  if (api) return pathToFileURL(api).href;
  throw new Error(
    `@swf-flow/server runs from its TypeScript sources here (${from}), and its service thread needs tsx to ` +
      'load them; install tsx (npm install --save-dev tsx), or use the built package',
  );
}

/** Starts the service's thread with `data`; it reports on its own (see `main.ts`). */
export async function spawnServerThread(data: ServerThreadData): Promise<Worker> {
  const here = import.meta.url;
  if (!/\.[cm]?ts$/.test(new URL(here).pathname)) {
    return new Worker(new URL('./thread/main.js', here), { workerData: data, name: THREAD_NAME });
  }
  const entry = new URL('./main.ts', here);
  const bundler = (globalThis as Record<symbol, unknown>)[RUN_TS_BUNDLE];
  const boot =
    typeof bundler === 'function'
      ? { bundle: await (bundler as (entry: string) => Promise<string>)(fileURLToPath(entry)) }
      : { tsx: tsxApi(here), entry: entry.href };
  return new Worker(FROM_SOURCES, { eval: true, workerData: { ...data, boot }, name: THREAD_NAME });
}

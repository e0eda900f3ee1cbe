/**
 * Summarizes a `.cpuprofile` (from `bench/profile.ts` or `node --cpu-prof`) by where a service
 * step's CPU goes: each sample is given to the nearest frame up its stack that belongs to a known
 * area (the service's engine and SQL, its HTTP layer, the SDK's request path, the worker, the
 * client, the bench, process-wide async hooks), then the busiest functions by self time.
 *
 * A frame in a bundle with an inline source map (what `scripts/run-ts.mjs` runs, and so the suite's
 * profiles) is read as the source it came from, so that it counts in its package's area: without
 * that, the bundle's frames matched no area and their samples went to the nearest Node frame above
 * them (`AsyncLocalStorage.run`, say).
 *
 *     npx tsx bench/profile-summary.ts FILE.cpuprofile [--top 30]
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Areas by the first rule a frame's URL (or name, for native frames) matches. */
const AREAS: Array<[string, RegExp]> = [
  [
    'async hooks (process-wide)',
    /node:internal\/async_hooks|node:async_hooks|runtime\/quiescence|runtime\/seal\/escapes/,
  ],
  ['service: HTTP layer', /packages\/server\/src\/http\/|node:_http_server/],
  ['service: engine + SQL', /packages\/server\/src\/|better-sqlite3/],
  // the SDK's own modules and swf-flow's parts of its pipeline (common/src/sdk-*: serde, SigV4, HTTP, ...)
  ['SDK request path', /@smithy\/|@aws-sdk\/|common\/src\/sdk-|node:_http_client|node:_http_agent/],
  ['worker', /packages\/(worker|workflow|activity)\/src\//],
  ['client', /packages\/client\/src\//],
  ['bench', /\/bench\//],
];
const OWN = new Set(['(garbage collector)', '(idle)', '(program)']);

function area(frame: CallFrame): string | undefined {
  if (OWN.has(frame.functionName)) return frame.functionName;
  for (const [name, pattern] of AREAS) if (pattern.test(frame.url)) return name;
  return undefined;
}

function where(frame: CallFrame): string {
  const url = frame.url.replace(/^file:\/\//, '');
  const short =
    url.match(/packages\/(.*)$/)?.[1] ??
    url.match(/node_modules\/(@[^/]+\/[^/]+|[^@/][^/]*)\//)?.[1] ??
    url.match(/(bench\/.*)$/)?.[1] ??
    url;
  return `${frame.functionName || '(anonymous)'} ${short}${short ? `:${frame.lineNumber + 1}` : ''}`;
}

/** The inline source maps of the bundles the profile ran, by URL (`undefined`: none). */
const sourceMaps = new Map<string, SourceMap | undefined>();

function sourceMapOf(url: string): SourceMap | undefined {
  if (!sourceMaps.has(url)) {
    let map: SourceMap | undefined;
    try {
      const text = readFileSync(fileURLToPath(url), 'utf8');
      const inline = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(text);
      if (inline?.[1]) map = new SourceMap(JSON.parse(Buffer.from(inline[1], 'base64').toString('utf8')));
    } catch {
      map = undefined; // not a file of this machine's, or no map: the frame stays as it is
    }
    sourceMaps.set(url, map);
  }
  return sourceMaps.get(url);
}

/** `frame` as its source has it, when it ran from a bundle with an inline source map. */
function original(frame: CallFrame): CallFrame {
  if (!frame.url.startsWith('file:') || frame.lineNumber < 0) return frame;
  const entry = sourceMapOf(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber) as
    { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
  if (entry?.originalSource === undefined) return frame;
  return {
    functionName: frame.functionName,
    url: entry.originalSource,
    lineNumber: entry.originalLine ?? frame.lineNumber,
    columnNumber: entry.originalColumn ?? frame.columnNumber,
  };
}

function main(): void {
  const argv = process.argv.slice(2);
  const file = argv.find((a) => !a.startsWith('--'));
  if (!file) throw new Error('usage: profile-summary.ts FILE.cpuprofile [--top N]');
  const top = argv.includes('--top') ? Number(argv[argv.indexOf('--top') + 1]) : 30;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, { ...n, callFrame: original(n.callFrame) }]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const hits = new Map<number, number>();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  const busy =
    profile.samples.length -
    (hits.get([...byId.values()].find((n) => n.callFrame.functionName === '(idle)')?.id ?? -1) ?? 0);
  for (const [id, count] of hits) {
    const leaf = byId.get(id)!;
    let name: string | undefined;
    for (let cur: number | undefined = id; cur !== undefined && name === undefined; cur = parent.get(cur))
      name = area(byId.get(cur)!.callFrame);
    name ??= 'node internals (no project frame)';
    areas.set(name, (areas.get(name) ?? 0) + count);
    const key = where(leaf.callFrame);
    functions.set(key, (functions.get(key) ?? 0) + count);
  }
  const ms = profile.timeDeltas.reduce((a, b) => a + b, 0) / 1000;
  const pct = (n: number): string => `${((100 * n) / profile.samples.length).toFixed(1).padStart(5)}%`;
  console.log(`${file}: ${profile.samples.length} samples over ${ms.toFixed(0)} ms; busy ${pct(busy)}`);
  console.log('\nby area (each sample to the nearest frame of a known area up its stack):');
  for (const [name, n] of [...areas].sort((a, b) => b[1] - a[1])) console.log(`${pct(n)}  ${name}`);
  console.log(`\nby function (self time), top ${top}:`);
  for (const [name, n] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(n)}  ${name}`);
}

main();

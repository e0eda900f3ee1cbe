/**
 * The fuzzer's long mode: `npm run fuzz -- --requests 100000 --seed 7 [--concurrency 8]` (with
 * concurrency n, n fuzzers with seeds seed..seed+n-1 share the requests, side by side). Prints progress on stderr,
 * the report as JSON on stdout, and exits 1 if any invariant broke (the seed replays the run).
 */
import { parseArgs } from 'node:util';
import { fuzzSession } from './session.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '100000' },
    seed: { type: 'string' },
    concurrency: { type: 'string', default: '1' },
  },
});
const concurrency = Number(values.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
  throw new Error(`--concurrency must be an integer from 1 to 64; got ${values.concurrency}`);
const requests = Number(values.requests);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(requests) || requests < 1)
  throw new Error(`--requests must be a positive integer; got ${values.requests}`);
if (!Number.isInteger(seed) || seed < 0)
  throw new Error(`--seed must be a non-negative integer; got ${String(values.seed)}`);

const started = Date.now();
process.stderr.write(`fuzzing with seed ${seed}, ${requests} requests, ${concurrency} side by side\n`);
const report = await fuzzSession({
  seed,
  requests,
  concurrency,
  onProgress: (sent) => process.stderr.write(`  ${sent} requests, ${Math.round((Date.now() - started) / 1000)} s\n`),
});
const seconds = Math.round((Date.now() - started) / 100) / 10;
const totals = Object.values(report.fuzz.byOperation).reduce((t, c) => ({ sent: t.sent + c.sent, ok: t.ok + c.ok }), {
  sent: 0,
  ok: 0,
});
const maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify({ seed, requests, concurrency, seconds, maxRssMB, ...totals, ...report }, null, 2));
if (report.failures.length > 0) {
  process.stderr.write(`FAILED (seed ${seed}):\n${report.failures.map((f) => `  ${f}`).join('\n')}\n`);
  process.exitCode = 1;
} else {
  process.stderr.write(
    `ok: seed ${seed}, ${totals.sent} requests (${totals.ok} accepted) in ${seconds} s; no invariant broke\n`,
  );
}

/**
 * The replay's µs/event growth from N=100 to N=10,000 (issue 9, target 1), both sizes measured in
 * one process taking turns, so that the machine's speed of the minute (and of the process: on this
 * VM a fresh process is now and then ~1.7× slower throughout, its floors included) divides out of
 * the ratio instead of landing on one side of it.
 *
 *     node scripts/run-ts.mjs bench/replay-growth.ts [--rounds 6]
 *
 * Both histories' JSON texts are built first; after a warm-up of each, every round measures a
 * steady block of each size (the user's path, `replayTextOnce`: the text indexed and streamed into
 * `processPages`), the small one first in even rounds and the large one first in odd ones, and
 * takes the round's ratio of µs of CPU per event. Prints one JSON line `{system:'growth', ...}`:
 * the median of the rounds' ratios (`growth`), each round's ratio, the medians of µs/event per
 * size, and `soloSmallUsPerEvent`, the small size measured before the large history was ever
 * replayed in this process (the heap the two sizes share is the method's cost: that figure says
 * what it moved).
 */
import { median } from './child.js';
import { replayTextOnce, timeSteady } from './measure.js';
import { seqHistory } from './seq-workflow.js';

const SMALL = 100;
const LARGE = 10_000;

function parseRounds(argv: string[]): number {
  const at = argv.indexOf('--rounds');
  const extra = argv.filter((a, i) => a !== '--rounds' && argv[i - 1] !== '--rounds');
  if (extra.length > 0) {
    throw new Error(`unknown argument ${JSON.stringify(extra[0])}; usage: bench/replay-growth.ts [--rounds 6]`);
  }
  const rounds = at === -1 ? 6 : Number(argv[at + 1]);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive integer, e.g. --rounds 6');
  return rounds;
}

const round2 = (x: number): number => Number(x.toFixed(2));

/** µs of CPU per event of one steady block of replays: its median run's, and its mean (the block's total over its events). */
interface BlockUs {
  median: number;
  mean: number;
}

/** One steady block of replays of `seqWorkflow(n)` from its text. */
async function block(raw: string, n: number): Promise<BlockUs> {
  const t = await timeSteady(
    n >= LARGE ? 3 : 20,
    400,
    () => undefined,
    () => replayTextOnce(raw, n),
  );
  const events = 6 * n + 5;
  return { median: (t.medianCpuMs * 1000) / events, mean: (t.meanCpuMs * 1000) / events };
}

async function run(): Promise<void> {
  const rounds = parseRounds(process.argv.slice(2));
  const small = JSON.stringify(seqHistory(SMALL));
  const large = JSON.stringify(seqHistory(LARGE));
  // Warm-up: the JIT's tiers for the small size, then the figure of the small size alone.
  for (let i = 0; i < 50; i++) await replayTextOnce(small, SMALL);
  const soloSmall = await block(small, SMALL);
  for (let i = 0; i < 2; i++) await replayTextOnce(large, LARGE);
  const smalls: BlockUs[] = [];
  const larges: BlockUs[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      smalls.push(await block(small, SMALL));
      larges.push(await block(large, LARGE));
    } else {
      larges.push(await block(large, LARGE));
      smalls.push(await block(small, SMALL));
    }
  }
  const ratios = (key: keyof BlockUs): number[] => larges.map((l, i) => l[key] / (smalls[i] as BlockUs)[key]);
  const us = (blocks: BlockUs[], key: keyof BlockUs): number => round2(median(blocks.map((b) => b[key])));
  console.log(
    JSON.stringify({
      system: 'growth',
      rounds,
      growth: round2(median(ratios('median'))),
      roundGrowths: ratios('median').map(round2),
      usPerEvent100: us(smalls, 'median'),
      usPerEvent10000: us(larges, 'median'),
      meanGrowth: round2(median(ratios('mean'))),
      roundMeanGrowths: ratios('mean').map(round2),
      meanUsPerEvent100: us(smalls, 'mean'),
      meanUsPerEvent10000: us(larges, 'mean'),
      soloSmallUsPerEvent: round2(soloSmall.median),
    }),
  );
}

run().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

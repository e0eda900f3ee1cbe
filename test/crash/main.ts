/**
 * The crash test's long mode: `npm run crash -- --kills 30 --per-shape 25 --seed 7`. Prints a line
 * per kill on stderr, the report as JSON on stdout, and exits 1 if anything broke.
 */
import { parseArgs } from 'node:util';
import { crashScenario } from './support/scenario.js';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '30' },
    'per-shape': { type: 'string', default: '25' },
    seed: { type: 'string' },
    durability: { type: 'string', default: 'full' },
  },
});
const count = (name: string, value: string | undefined): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer; got ${String(value)}`);
  return n;
};
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : count('seed', values.seed);
const durability = values.durability === 'normal' ? 'normal' : 'full';
process.stderr.write(
  `crash test: seed ${seed}, ${values.kills} kills, ${values['per-shape']} workflows per shape, durability ${durability}\n`,
);
const report = await crashScenario({
  seed,
  kills: count('kills', values.kills),
  perShape: count('per-shape', values['per-shape']),
  durability,
  log: (line) => process.stderr.write(`  ${line}\n`),
});
console.log(JSON.stringify(report, null, 2));
if (report.failures.length > 0) {
  process.stderr.write(`FAILED (seed ${seed}):\n${report.failures.map((f) => `  ${f}`).join('\n')}\n`);
  process.exitCode = 1;
}

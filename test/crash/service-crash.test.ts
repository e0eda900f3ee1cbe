/**
 * The service SIGKILLed at seeded random moments while workflows of every shape (sequential
 * activities, a timer, signals, a child) run through the project's own Worker and WorkflowClient
 * (issue 15). Short mode here; the long mode is `npm run crash -- --kills 30 --per-shape 25 --seed N`
 * (RELIABILITY.md). SWF_CRASH_SEED / SWF_CRASH_KILLS / SWF_CRASH_PER_SHAPE replay another run here.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { killAll, livePids } from './support/processes.js';
import { crashScenario } from './support/scenario.js';

const SEED = Number(process.env.SWF_CRASH_SEED ?? 1202);
const KILLS = Number(process.env.SWF_CRASH_KILLS ?? 3);
const PER_SHAPE = Number(process.env.SWF_CRASH_PER_SHAPE ?? 1);

afterAll(() => killAll());

describe('the service killed with SIGKILL while workflows run (short mode)', () => {
  it(
    `loses nothing acknowledged, closes nothing twice and completes every workflow (seed ${SEED}, ${KILLS} kills)`,
    { timeout: 180_000 },
    async () => {
      const report = await crashScenario({ seed: SEED, kills: KILLS, perShape: PER_SHAPE });
      expect(
        report.failures,
        `seed ${SEED} (replay: SWF_CRASH_SEED=${SEED} SWF_CRASH_KILLS=${KILLS} SWF_CRASH_PER_SHAPE=${PER_SHAPE})`,
      ).toEqual([]);
      expect(report.completed).toBe(4 * PER_SHAPE);
      expect(report.signalsAcknowledged).toBe(3 * PER_SHAPE);
      expect(report.snapshotsChecked).toBeGreaterThan(0);
      // No child process of the scenario is left, and none holds this test's data directory.
      expect(livePids()).toEqual([]);
      const orphans = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => line.includes('swf-flow-crash-'));
      expect(orphans).toEqual([]);
    },
  );
});

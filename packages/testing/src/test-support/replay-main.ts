// Replays saved histories (`swf-flow history --json` files), each against one of the unusual
// workflows, and prints their outcomes as one JSON array: run by service-histories.test.ts in
// processes with other time zones and locales. Arguments: pairs of a file and a workflow type.
import { readFileSync } from 'node:fs';
import { replayHistory } from '../index.js';
import './ordering-workflows.js'; // adds its workflows to UNUSUAL
import { UNUSUAL } from './unusual-workflows.js';

const args = process.argv.slice(2);
const out: unknown[] = [];
for (let i = 0; i + 1 < args.length; i += 2) {
  const [file, type] = [args[i] as string, args[i + 1] as string];
  const { original } = UNUSUAL[type] as { original: (...a: unknown[]) => Promise<unknown> };
  const r = await replayHistory(readFileSync(file, 'utf8'), { [type]: original });
  out.push({ status: r.status, result: r.result, decisions: r.decisions });
}
console.log(JSON.stringify(out));

// Replays a saved history (a `swf-flow history --json` file) against one of the unusual workflows
// and prints the outcome as JSON: run by service-histories.test.ts in processes with other time
// zones and locales.
import { readFileSync } from 'node:fs';
import { replayHistory } from '../index.js';
import { UNUSUAL } from './unusual-workflows.js';

const [file, type] = process.argv.slice(2) as [string, string];
const { original } = UNUSUAL[type] as { original: (...args: unknown[]) => Promise<unknown> };
const out = await replayHistory(readFileSync(file, 'utf8'), { [type]: original });
console.log(JSON.stringify({ status: out.status, result: out.result, decisions: out.decisions }));

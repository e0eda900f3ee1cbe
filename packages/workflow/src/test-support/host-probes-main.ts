// Prints the host probes' results as JSON (run by seal.test.ts in processes with other time zones
// and locales).
import { runHostProbes } from './host-probes.js';

console.log(JSON.stringify(await runHostProbes()));

/**
 * Writes `packages/server/src/model/wire-types.ts` from the SWF model the server validates with
 * (`packages/server/model/service-2.json`). Run it after changing the model; a test fails while the
 * committed file differs from what this renders.
 *
 *     npx tsx scripts/generate-wire-types.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ServiceModel } from '../packages/server/src/model/model.js';
import { renderWireTypes } from '../packages/server/src/model/render-wire-types.js';

const modelPath = fileURLToPath(new URL('../packages/server/model/service-2.json', import.meta.url));
const outPath = fileURLToPath(new URL('../packages/server/src/model/wire-types.ts', import.meta.url));

const model = JSON.parse(readFileSync(modelPath, 'utf8')) as ServiceModel;
writeFileSync(outPath, renderWireTypes(model));
console.log(`wrote ${outPath}`);

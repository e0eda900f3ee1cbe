#!/usr/bin/env node
// Development launcher for the repository root's `npx swf-flow ...`: runs the built CLI when
// packages/cli/dist exists, else the TypeScript sources through tsx (a root devDependency), with the
// root tsconfig's paths so that @swf-flow/* resolve to their sources.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/bin.js', import.meta.url);
if (existsSync(fileURLToPath(dist))) {
  await import(dist.href);
} else {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)) });
  await import(new URL('../src/bin.ts', import.meta.url).href);
}

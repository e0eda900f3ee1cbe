#!/usr/bin/env node
// Development launcher for the repository root's `npx swf-flow ...`: always runs the TypeScript
// sources through tsx (a root devDependency), with the root tsconfig's paths so that @swf-flow/*
// resolve to their sources — a stale build in packages/*/dist can never shadow the code you edit.
// The published package runs its built `dist/bin.js` instead (see packages/cli/package.json).
import { fileURLToPath } from 'node:url';

const { register } = await import('tsx/esm/api');
register({ tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)) });
await import(new URL('../src/bin.ts', import.meta.url).href);

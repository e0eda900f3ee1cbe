// ESLint flat config: type-aware rules for the whole workspace, a resolver that lets the import-x rules
// follow every import, the package graph of ARCHITECTURE.md, plus the purity rule that keeps replayable workflow code free of I/O.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { builtinModules } from 'node:module';
import { boundedWaitsPlugin } from './lint/bounded-waits.js';
import { dependencyConfigs } from './lint/dependencies.js';
import { packageGraphConfigs } from './lint/package-graph.js';
import { resolverSettings } from './lint/resolver.js';

/** Node built-ins that workflow code may import: none does I/O. */
const allowedInWorkflow = new Set(['async_hooks']);
const forbiddenBuiltins = builtinModules
  .filter((m) => !m.startsWith('_') && !allowedInWorkflow.has(m.split('/')[0]))
  .flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'packages/create-swf-flow/template/**',
      '.tmp/**',
      // Deliberately bad code, linted on purpose by test/lint-rules.test.ts.
      'test/fixtures/lint/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
      'vitest.config.ts',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: resolverSettings,
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { maxDepth: 8 }],
    },
  },
  {
    files: ['packages/workflow/src/**/*.ts'],
    ignores: ['packages/workflow/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: forbiddenBuiltins.map((name) => ({
            name,
            message:
              'Workflow code must stay replayable: no Node I/O modules in packages/workflow (only node:async_hooks is allowed).',
          })),
          patterns: [
            {
              group: ['@aws-sdk/*', '@smithy/*'],
              message: 'Workflow code never talks to SWF: the AWS SDK belongs in packages/worker or packages/client.',
            },
            { group: ['better-sqlite3'], message: 'Workflow code does no I/O.' },
          ],
        },
      ],
    },
  },
  {
    // A test's wait bounds a hang, not a speed (lint/bounded-waits.js).
    files: ['**/*.ts'],
    plugins: { local: boundedWaitsPlugin },
    rules: { 'local/bounded-waits': 'error' },
  },
  // What each workspace package may import from the others (lint/package-graph.js).
  ...packageGraphConfigs(),
  // Every imported npm package is declared where it ships (lint/dependencies.js).
  ...dependencyConfigs(),
  {
    // A statement compiled per request costs more than running it: the service's SQL goes through
    // prep() (engine/statements.ts), which prepares each SQL text once per database.
    files: ['packages/server/src/**/*.ts'],
    ignores: [
      'packages/server/src/**/*.test.ts',
      'packages/server/src/engine/statements.ts',
      'packages/server/src/engine/schema.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='prepare']",
          message:
            'Use prep(db, sql) from engine/statements.ts: it prepares each SQL text once instead of on every request.',
        },
      ],
    },
  },
);

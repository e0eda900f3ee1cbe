/**
 * `@Activities` / `@Activity` with TypeScript's standard (TC39) decorators, as a TypeScript 5
 * project gets them by default (no `experimentalDecorators`): tsc type-checks a file that uses them
 * (no TS1241/TS1270), and the same file run with standard decorators (tsx) stores the metadata and
 * gives the activity types that the legacy form gives (packages/activity/src/decorator-forms.test.ts
 * compares the forms in-process).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const run = promisify(execFile);

const SOURCE = `import 'reflect-metadata';
import { Activities, Activity, readActivityTypes } from '@swf-flow/activity';
import { ACTIVITIES_METADATA_KEY, ACTIVITY_METADATA_KEY } from '@swf-flow/common';

@Activities({ version: '1.0', taskList: 'orders', startToCloseTimeout: '5 minutes' })
export class OrderActivities {
  @Activity({ name: 'VerifyOrder' })
  async verify(): Promise<string> {
    return 'verified';
  }

  @Activity({ name: 'ChargeCreditCard', heartbeatTimeout: '30s' })
  async charge(amount: number): Promise<string> {
    return \`charged \${amount}\`;
  }

  async ship(): Promise<string> {
    return 'shipped';
  }
}

const proto = OrderActivities.prototype;
console.log(JSON.stringify({
  types: readActivityTypes(OrderActivities),
  class: Reflect.getOwnMetadata(ACTIVITIES_METADATA_KEY, OrderActivities),
  methods: ['verify', 'charge', 'ship'].map((m) => Reflect.getOwnMetadata(ACTIVITY_METADATA_KEY, proto, m) ?? null),
  charged: await new OrderActivities().charge(5),
}));
`;

describe('standard (TC39) decorators', () => {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(root, '.tmp/std-decorators-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('compile with tsc without experimentalDecorators and store what the legacy form stores', async () => {
    writeFileSync(join(dir, 'activities.mts'), SOURCE);
    const paths = Object.fromEntries(
      ['common', 'activity'].map((p) => [`@swf-flow/${p}`, [join(root, `packages/${p}/src/index.ts`)]]),
    );
    const tsconfig = {
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [join(root, 'node_modules/@types')],
        paths,
      },
      files: ['activities.mts'],
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    // tsc: rejects with its diagnostics on stdout if the decorators do not type-check.
    await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], {
      cwd: dir,
      timeout: 60_000,
    }).catch((err: { stdout?: string }) => {
      throw new Error(`tsc failed:\n${err.stdout ?? String(err)}`);
    });
    const { stdout } = await run(
      process.execPath,
      [
        join(root, 'node_modules/tsx/dist/cli.mjs'),
        '--tsconfig',
        join(dir, 'tsconfig.json'),
        join(dir, 'activities.mts'),
      ],
      { cwd: dir, timeout: 60_000 },
    );
    expect(JSON.parse(stdout)).toEqual({
      types: [
        { methodName: 'verify', name: 'VerifyOrder', version: '1.0', taskList: 'orders', startToCloseTimeout: '300' },
        {
          methodName: 'charge',
          name: 'ChargeCreditCard',
          version: '1.0',
          taskList: 'orders',
          startToCloseTimeout: '300',
          heartbeatTimeout: '30',
        },
        {
          methodName: 'ship',
          name: 'OrderActivities.ship',
          version: '1.0',
          taskList: 'orders',
          startToCloseTimeout: '300',
        },
      ],
      class: { version: '1.0', taskList: 'orders', startToCloseTimeout: '5 minutes' },
      methods: [{ name: 'VerifyOrder' }, { name: 'ChargeCreditCard', heartbeatTimeout: '30s' }, null],
      charged: 'charged 5',
    });
  }, 120_000);
});

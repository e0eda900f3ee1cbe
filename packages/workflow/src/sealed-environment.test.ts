// The sealed environment of workflow code, as tables: host-dependent values are fixed (the same in
// processes with other time zones and locales), forbidden calls throw DeterminismViolationError
// naming the call, load-time captures get the patched globals, and code outside workflows is
// untouched.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as nodeCrypto from 'node:crypto';
import * as timers from 'node:timers';
import * as timersPromises from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { DeterminismViolationError } from '@swf-flow/common';
import { WorkflowExecutor } from './executor.js';
import { HistoryBuilder } from './test-support/history-builder.js';
import { MADE_OUTSIDE, runHostProbes } from './test-support/host-probes.js';
import { loadTimeCaptures } from './test-support/load-time-workflow.js';
import { replay } from './test-support/run.js';

const T = Date.UTC(2024, 0, 1, 12, 0, 2); // the first DecisionTaskStarted of HistoryBuilder
const UTC_STRING = 'Mon Jan 01 2024 12:00:02 GMT+0000 (Coordinated Universal Time)';

/** Runs `script` (host-probes-main.ts by default) in a child process with this time zone and locale. */
async function probesIn(
  env: { TZ: string; LC_ALL: string },
  script = 'host-probes-main.ts',
): Promise<Record<string, unknown>> {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const main = fileURLToPath(new URL(`./test-support/${script}`, import.meta.url));
  const child = spawn(process.execPath, [tsx, '--tsconfig', `${root}tsconfig.json`, main], {
    env: { ...process.env, ...env, LANG: env.LC_ALL },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code, err).toBe(0);
  return JSON.parse(out) as Record<string, unknown>;
}

describe('subclasses of Date and Intl.DateTimeFormat defined before @swf-flow/workflow was imported', () => {
  it('are refused in workflow code (they read the host clock and zone), saying to import @swf-flow/workflow first', async () => {
    const out = await probesIn({ TZ: 'America/Los_Angeles', LC_ALL: 'de_DE.UTF-8' }, 'early-subclass-main.ts');
    const refused =
      /DeterminismViolationError: .*(BusinessDate|HouseFormat) extends the host's (Date|Intl\.DateTimeFormat), not the workflow's: it was defined before @swf-flow\/workflow was imported.*Import '@swf-flow\/workflow' before the module that defines/s;
    expect(out.early).toMatch(refused);
    expect(out.earlyWithArgs).toMatch(refused); // new BusinessDate(2024, 0, 6) reads local time too
    expect(out.earlyCaught).toMatch(refused); // the instance exists: catching the error does not undo it
    expect(out.earlyFormat).toMatch(refused);
    expect(out.late).toBe(T); // a subclass defined after the import extends the workflow's Date
    expect(out.outside).toBe(true); // outside workflow code the early subclass works as before
  }, 60_000);
});

describe('host-dependent values are fixed in workflow code', () => {
  const EXPECTED: [string, unknown][] = [
    ['Date()', UTC_STRING],
    ['new Date().toString()', UTC_STRING],
    ['toDateString / toTimeString', ['Mon Jan 01 2024', '12:00:02 GMT+0000 (Coordinated Universal Time)']],
    ['getHours, getDate, getDay, getTimezoneOffset', [12, 1, 1, 0]],
    ['setHours(9) then getTime', Date.UTC(2024, 0, 1, 9, 30)],
    ['new Date(2024, 0, 1, 9, 30) (local components)', Date.UTC(2024, 0, 1, 9, 30)],
    ["Date.parse('2024-01-01T09:30:00') (no zone)", Date.UTC(2024, 0, 1, 9, 30)],
    ["new Date('2024-01-01 09:30') (no zone)", Date.UTC(2024, 0, 1, 9, 30)],
    ["Date.parse('2024-01-01') (date only)", Date.UTC(2024, 0, 1)],
    [
      "Date.parse of '2024-03-10 02:30' and other forms (a DST gap in Los Angeles)",
      Array(4).fill(Date.UTC(2024, 2, 10, 2, 30)),
    ],
    ["Date.parse('2024-01-01T09:30:00+02:00') (zoned)", Date.UTC(2024, 0, 1, 7, 30)],
    ['new (new Date().constructor)()', T],
    ['toLocaleString()', '1/1/2024, 12:00:02 PM'],
    ['toLocaleDateString() / toLocaleTimeString()', ['1/1/2024', '12:00:02 PM']],
    ['(1234.5).toLocaleString()', '1,234.5'],
    ['new Intl.NumberFormat().format(1234.5)', '1,234.5'],
    ['Intl.DateTimeFormat().format() (no date)', '1/1/2024'],
    ["Intl.DateTimeFormat('en-US', { hour, minute }).format() (no date, no zone)", '12:00'],
    ['Intl.DateTimeFormat().formatToParts() year', '2024'],
    ['Intl.DateTimeFormat().resolvedOptions()', ['en-US', 'UTC']],
    ["['b', 'a', 'C'].sort(localeCompare)", ['a', 'b', 'C']],
    ["'i'.toLocaleUpperCase()", 'I'],
    ['toLocaleTimeString([], { hour, minute })', '12:00 PM'],
    ['new Intl.DateTimeFormat([]).resolvedOptions()', ['en-US', 'UTC']],
    ['(1234.5).toLocaleString([]), ({ length: 0 })', ['1,234.5', '1,234.5']],
    ["new Intl.ListFormat([]).format(['a', 'b'])", 'a and b'],
    ["'i'.toLocaleUpperCase([]), localeCompare(x, [])", ['I', -1]],
    ["toLocaleString('default', { month: 'long' })", 'January'],
    ["new Intl.NumberFormat(['zz', 'xx']).resolvedOptions().locale", 'en-US'],
    ["'b'.localeCompare('a', 'default'), ['xx', 'fr'] kept as fr", [1, 'fr']],
    ['toLocaleString(undefined, options inheriting hour)', '12'],
    ['setYear(99) at 2024-01-01T00:30Z', '1999-01-01T00:30:00.000Z'],
    ['new Intl.Collator().resolvedOptions().locale', 'en-US'],
    [
      'crypto.getRandomValues of a Float64Array, a DataView, 65,537 bytes',
      ['TypeMismatchError', 'TypeMismatchError', 'QuotaExceededError'],
    ],
    ['performance.timeOrigin + performance.now() === Date.now()', true],
    ['performance.timeOrigin', T],
    ['process.hrtime(), hrtime.bigint(), uptime()', [[0, 0], '0', 0]],
    [
      'Intl.DateTimeFormat() made outside workflow code: format, formatToParts, resolvedOptions',
      ['1/1/2024', '1', 'en-US', 'UTC', '03'],
    ],
    ["Intl.DateTimeFormat('en-GB') made outside workflow code (no zone), and one with a zone", ['03:00', '1.1.2024']],
    [
      'Intl.NumberFormat, Collator, PluralRules made outside workflow code',
      ['1,234.5', 'en-US', ['a', 'b', 'C'], 'en'],
    ],
  ];

  it.each(EXPECTED)('%s', async (name, expected) => {
    const results = await runHostProbes();
    expect(results[name]).toEqual(expected);
  });

  it('every probe gives the same in processes with other time zones and default locales', async () => {
    const here = await runHostProbes();
    expect(Object.keys(here)).toHaveLength(EXPECTED.length); // the table covers every probe
    const [nepal, turkey] = await Promise.all([
      probesIn({ TZ: 'Asia/Kathmandu', LC_ALL: 'de_DE.UTF-8' }),
      probesIn({ TZ: 'America/Los_Angeles', LC_ALL: 'tr_TR.UTF-8' }),
    ]);
    expect(nepal).toEqual(here);
    expect(turkey).toEqual(here);
  }, 60_000);

  it('outside workflow code the host values are real', async () => {
    await runHostProbes();
    expect(Date()).not.toBe(UTC_STRING);
    expect(new Date(2024, 0, 1, 9, 30).getTime()).toBe(
      Date.UTC(2024, 0, 1, 9, 30) + new Date(2024, 0, 1, 9, 30).getTimezoneOffset() * 60_000,
    );
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(new Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(performance.timeOrigin).toBeGreaterThan(Date.UTC(2025, 0, 1));
    expect(process.uptime()).toBeGreaterThan(0);
    expect(process.hrtime.bigint()).toBeGreaterThan(0n);
    const host = new Intl.DateTimeFormat().resolvedOptions();
    expect(MADE_OUTSIDE.dateFormat.resolvedOptions()).toEqual(host); // made and used outside: the host's
  });
});

/** Keys made outside workflow code, for the node:crypto calls that draw randomness. */
const RSA = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
const EC = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** What workflow code does, and what the DeterminismViolationError must name. */
const FORBIDDEN: [string, () => unknown, RegExp][] = [
  ['setTimeout (global)', () => setTimeout(() => undefined, 1), /^setTimeout\(\) cannot be used in workflow code/],
  ['setInterval (global)', () => setInterval(() => undefined, 1), /^setInterval\(\)/],
  ['setImmediate (global)', () => setImmediate(() => undefined), /^setImmediate\(\)/],
  ['fetch', () => fetch('http://127.0.0.1:9/'), /^fetch\(\)/],
  [
    'setTimeout from node:timers',
    () => timers.setTimeout(() => undefined, 1),
    /^setTimeout\(\) from node:timers cannot/,
  ],
  [
    'setImmediate from node:timers',
    () => timers.setImmediate(() => undefined),
    /^setImmediate\(\) from node:timers cannot/,
  ],
  [
    'setTimeout from node:timers/promises',
    () => timersPromises.setTimeout(1),
    /^setTimeout\(\) from node:timers\/promises/,
  ],
  [
    'setInterval from node:timers/promises',
    () => timersPromises.setInterval(1),
    /^setInterval\(\) from node:timers\/promises/,
  ],
  ['scheduler.wait from node:timers/promises', () => timersPromises.scheduler.wait(1), /^scheduler\.wait\(\)/],
  [
    'randomBytes from node:crypto',
    () => nodeCrypto.randomBytes(4),
    /^randomBytes\(\) from node:crypto.*Math\.random\(\)/,
  ],
  ['randomInt from node:crypto', () => nodeCrypto.randomInt(10), /^randomInt\(\) from node:crypto/],
  [
    'randomFillSync from node:crypto',
    () => nodeCrypto.randomFillSync(new Uint8Array(4)),
    /^randomFillSync\(\) from node:crypto/,
  ],
  [
    'generateKeyPairSync from node:crypto',
    () => nodeCrypto.generateKeyPairSync('ed25519'),
    /^generateKeyPairSync\(\) from node:crypto/,
  ],
  [
    'publicEncrypt from node:crypto (random padding)',
    () => nodeCrypto.publicEncrypt(RSA.publicKey, Buffer.from('x')),
    /^publicEncrypt\(\) from node:crypto.*Math\.random\(\)/,
  ],
  [
    'ECDH generateKeys from node:crypto',
    () => nodeCrypto.createECDH('prime256v1').generateKeys(),
    /^ECDH#generateKeys\(\) from node:crypto/,
  ],
  [
    'createDiffieHellman(primeLength) from node:crypto (a random prime)',
    () => nodeCrypto.createDiffieHellman(64),
    /^createDiffieHellman\(primeLength\) from node:crypto \(it generates a random prime\).*getDiffieHellman\(groupName\)/,
  ],
  [
    'sign with an ECDSA key from node:crypto (random signatures)',
    () => nodeCrypto.sign('sha256', Buffer.from('x'), EC.privateKey),
    /^sign\(\) from node:crypto with a key whose signatures are random.*sign in an activity/,
  ],
  [
    'Sign#sign with an ECDSA key from node:crypto',
    () => nodeCrypto.createSign('sha256').update('x').sign(EC.privateKey),
    /^Sign#sign\(\) from node:crypto with a key whose signatures are random/,
  ],
  ['crypto.subtle.digest', () => crypto.subtle.digest('SHA-256', new Uint8Array(4)), /^crypto\.subtle\.digest\(\)/],
  [
    'nodeCrypto.webcrypto.subtle.importKey',
    () => nodeCrypto.webcrypto.subtle.importKey('raw', new Uint8Array(16), 'AES-GCM', false, ['encrypt']),
    /^crypto\.subtle\.importKey\(\)/,
  ],
  ['new WeakRef()', () => new WeakRef({}), /^new WeakRef\(\) cannot be used in workflow code/],
  ['new FinalizationRegistry()', () => new FinalizationRegistry(() => undefined), /^new FinalizationRegistry\(\)/],
];

describe('forbidden calls throw DeterminismViolationError naming the call', () => {
  it.each(FORBIDDEN)('%s', async (_name, call, message) => {
    let caught: unknown;
    async function forbidden(): Promise<string> {
      try {
        call();
      } catch (err) {
        caught = err;
      }
      return 'done';
    }
    const r = await replay(new HistoryBuilder().start('forbidden').decisionTask(), { forbidden });
    expect(caught).toBeInstanceOf(DeterminismViolationError);
    expect((caught as Error).message).toMatch(message);
    expect(r.result).toBe('done'); // caught: the call did not happen, the same way on every replay
  });

  it('outside workflow code every one of them works', async () => {
    await replay(new HistoryBuilder().start('noop').decisionTask(), { noop: async () => undefined });
    await new Promise<void>((resolve) => timers.setTimeout(resolve, 1));
    await timersPromises.setTimeout(1);
    expect(nodeCrypto.randomBytes(4)).toHaveLength(4);
    expect(nodeCrypto.randomInt(10)).toBeLessThan(10);
    expect(await crypto.subtle.digest('SHA-256', new Uint8Array(4))).toBeInstanceOf(ArrayBuffer);
    expect(new WeakRef({}).deref()).toBeDefined();
    expect(new FinalizationRegistry(() => undefined)).toBeInstanceOf(FinalizationRegistry);
  });

  it("node:crypto's randomUUID and getRandomValues are the run's seeded ones", async () => {
    const run = async (runId: string): Promise<string[]> => {
      let got: string[] = [];
      async function ids(): Promise<void> {
        got = [nodeCrypto.randomUUID(), Buffer.from(nodeCrypto.getRandomValues(new Uint8Array(4))).toString('hex')];
      }
      await replay(new HistoryBuilder().start('ids').decisionTask(), ids, { execution: { workflowId: 'w', runId } });
      return got;
    };
    const a = await run('run-1');
    expect(await run('run-1')).toEqual(a);
    expect(await run('run-2')).not.toEqual(a);
    expect(nodeCrypto.randomUUID()).not.toBe(nodeCrypto.randomUUID());
  });
});

describe('the patches are in place when @swf-flow/workflow is imported', () => {
  it('a workflow module and a library that capture Date, Date.now and Math.random at load time get the patched ones', async () => {
    const ex = new WorkflowExecutor({
      workflows: { loadTimeCaptures },
      execution: { workflowId: 'w', runId: 'run-1' },
    });
    const r = await ex.processEvents(new HistoryBuilder().start('loadTimeCaptures').decisionTask().events);
    const prng = seedrandom('run-1');
    const first = prng();
    const second = prng();
    expect(r.result).toEqual(['run-1', T, T, first, T, second]);
  });
});

describe('a busy wait on the frozen clock', () => {
  it.each([
    ['Date.now()', () => Date.now()],
    ['performance.now()', () => performance.now()],
    ['new Date()', () => new Date().getTime()],
  ])(
    'on %s fails the decision task with an error naming the workflow, even if the code catches it',
    async (_name, clock) => {
      async function spinner(): Promise<string> {
        const until = clock() + 1000;
        try {
          while (clock() < until) {
            /* wait for time to pass: it does not, within a decision task */
          }
        } catch {
          return 'swallowed';
        }
        return 'unreachable';
      }
      const ex = new WorkflowExecutor({ workflows: { spinner }, execution: { workflowId: 'spin-1', runId: 'run-1' } });
      const err = await ex.processEvents(new HistoryBuilder().start('spinner').decisionTask().events).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DeterminismViolationError);
      expect((err as Error).message).toMatch(
        /^workflow spinner 1\.0 \(workflowId spin-1, runId run-1\) read the clock 1000000 times in one decision task/,
      );
      expect((err as Error).message).toMatch(/sleep\(duration\)/);
    },
  );
});

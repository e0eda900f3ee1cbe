/**
 * The seeded fuzzer's short mode (issue 15): random and mutated requests for every operation of the
 * SWF model over real HTTP to a real server on a real SQLite file, with real task tokens answered by
 * fuzzed decisions and activity outcomes. Invariants: never a 5xx; every refusal a JSON SWF fault
 * with a message, of a type the operation may raise, and short; nothing logged as an error; no stuck
 * queue; a normal workflow still runs through; PRAGMA integrity_check ok. The long mode is
 * `npm run fuzz -- --requests 100000 --seed N` (RELIABILITY.md).
 *
 * SWF_FUZZ_SEED and SWF_FUZZ_REQUESTS replay another run here; a failure prints its seed.
 */
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fuzzSession } from './fuzz/session.js';
import { operations } from './fuzz/values.js';
import { closeConnections, send } from './fuzz/wire.js';

const SEED = Number(process.env.SWF_FUZZ_SEED ?? 20261202);
const REQUESTS = Number(process.env.SWF_FUZZ_REQUESTS ?? 700);

describe('fuzzing the service from its model (short mode)', () => {
  it(`keeps every invariant for ${REQUESTS} requests with seed ${SEED}`, { timeout: 120_000 }, async () => {
    const report = await fuzzSession({ seed: SEED, requests: REQUESTS });
    expect(report.failures, `seed ${SEED} (replay: SWF_FUZZ_SEED=${SEED} SWF_FUZZ_REQUESTS=${REQUESTS})`).toEqual([]);

    // The run reached what it claims to test: every operation sent, accepted ones among them, and
    // tasks handed out and answered with real tokens.
    const byOperation = report.fuzz.byOperation;
    expect(Object.keys(byOperation).sort()).toEqual(operations().sort());
    expect(operations().filter((op) => (byOperation[op]?.sent ?? 0) === 0)).toEqual([]);
    expect(byOperation.StartWorkflowExecution?.ok).toBeGreaterThan(5);
    expect(report.fuzz.handedOut.decisionTasks).toBeGreaterThan(5);
    expect(byOperation.RespondDecisionTaskCompleted?.ok).toBeGreaterThan(3);
    const faults = Object.values(byOperation).flatMap((c) => Object.keys(c.faults));
    for (const fault of [
      'ValidationException',
      'SerializationException',
      'UnknownOperationException',
      'UnknownResourceFault',
    ])
      expect(faults).toContain(fault);
    expect(report.runThrough).toEqual({ fresh: 'COMPLETED 42', fuzzed: 'COMPLETED 42' });
    expect(report.database).toEqual({ integrity: ['ok'], foreignKeyViolations: 0 });
  });
});

describe("the fuzzer's answer checks", () => {
  it('flag a 5xx, a fault without a message, a non-JSON fault, a fault the operation may not raise and a non-object 200', async () => {
    const answers: Array<[number, string, string]> = [
      [500, 'application/x-amz-json-1.0', '{"__type":"com.amazon.coral.service#InternalFailure","message":"boom"}'],
      [
        400,
        'application/x-amz-json-1.0',
        '{"__type":"com.amazonaws.swf.base.model#UnknownResourceFault","message":""}',
      ],
      [400, 'text/html', '<h1>Bad</h1>'],
      [
        400,
        'application/x-amz-json-1.0',
        '{"__type":"com.amazonaws.swf.base.model#TypeAlreadyExistsFault","message":"not for DescribeDomain"}',
      ],
      [
        400,
        'application/x-amz-json-1.0',
        `{"__type":"com.amazon.coral.validate#ValidationException","message":"${'x'.repeat(20_000)}"}`,
      ],
      [200, 'application/x-amz-json-1.0', '[1]'],
      [
        400,
        'application/x-amz-json-1.0',
        '{"__type":"com.amazonaws.swf.base.model#UnknownResourceFault","message":"Unknown domain: d"}',
      ],
    ];
    let next = 0;
    const http = createHttpServer((req, res) => {
      const [status, type, body] = answers[next++] as [number, string, string];
      req.resume();
      res.writeHead(status, { 'content-type': type }).end(body);
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    try {
      const problems: Array<string | undefined> = [];
      for (let i = 0; i < answers.length; i++) {
        problems.push(
          (
            await send(`http://127.0.0.1:${port}`, {
              target: 'SimpleWorkflowService.DescribeDomain',
              body: '{"name":"d"}',
              operation: 'DescribeDomain',
            })
          ).problem,
        );
      }
      expect(problems).toEqual([
        'status 500',
        'UnknownResourceFault without a message',
        'fault with content-type text/html',
        expect.stringMatching(/^TypeAlreadyExistsFault is not a fault DescribeDomain may raise/),
        expect.stringMatching(/^fault of 20\d{3} bytes/),
        '200 whose body is not a JSON object: [1]',
        undefined,
      ]);
    } finally {
      closeConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });
});

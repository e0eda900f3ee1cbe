/**
 * What answering a page of history costs the service, from the stored events to the answer's body:
 * `GetWorkflowExecutionHistory` through the wire protocol's `dispatch` (no socket), the run's
 * history `events` long (a start, a decision task and signals), pages of `size` events. CPU per
 * page and per event, the median of `rounds` rounds of `pages` requests.
 *
 *     npx tsx bench/history-page.ts [--events 1000] [--size 1000] [--rounds 7] [--pages 50] [--against ../before]
 *
 * `--against DIR` measures the service of another checkout (its `packages/server/src`, e.g. a
 * worktree of `main`) beside this one, the two taking rounds in turn. Prints one JSON line
 * (`bench: 'history-page'`).
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { median, round } from './child.js';
import { registerStepTypes } from './register.js';

interface Dispatcher {
  dispatch(service: unknown, request: { target: string; body: string }): Promise<{ statusCode: number; body: string }>;
}
interface ServiceModule {
  SwfService: {
    open(options: { dataDir: string }): { handle(op: string, input: unknown): Promise<unknown>; close(): void };
  };
}

/** A service of the checkout at `root` with one run of `events` events; `page()` answers one page. */
async function side(root: string, events: number, size: number): Promise<{ page(): Promise<number>; close(): void }> {
  const { SwfService } = (await import(join(root, 'packages/server/src/service.ts'))) as ServiceModule;
  const { dispatch } = (await import(join(root, 'packages/server/src/http/dispatch.ts'))) as Dispatcher;
  const service = SwfService.open({ dataDir: ':memory:' });
  const call = (op: string, input: unknown): Promise<unknown> => service.handle(op, input);
  await registerStepTypes(call);
  const { runId } = (await call('StartWorkflowExecution', {
    domain: 'bench',
    workflowId: 'w',
    workflowType: { name: 'W', version: '1' },
    input: JSON.stringify({ order: 42, items: ['a', 'b', 'c'] }),
  })) as { runId: string };
  for (let i = 2; i < events; i++)
    await call('SignalWorkflowExecution', {
      domain: 'bench',
      workflowId: 'w',
      signalName: `signal-${i}`,
      input: JSON.stringify({ step: i, note: 'a signal with a payload of a realistic size' }),
    });
  const body = JSON.stringify({ domain: 'bench', execution: { workflowId: 'w', runId }, maximumPageSize: size });
  return {
    async page() {
      const answer = await dispatch(service, { target: 'SimpleWorkflowService.GetWorkflowExecutionHistory', body });
      if (answer.statusCode !== 200) throw new Error(`GetWorkflowExecutionHistory answered ${answer.statusCode}`);
      return answer.body.length;
    },
    close: () => service.close(),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '1000' },
      size: { type: 'string', default: '1000' },
      rounds: { type: 'string', default: '7' },
      pages: { type: 'string', default: '50' },
      against: { type: 'string' },
    },
  });
  const [events, size, rounds, pages] = [values.events, values.size, values.rounds, values.pages].map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const sides: Array<[string, Awaited<ReturnType<typeof side>>]> = [['this', await side('.', events, size)]];
  if (values.against) sides.push(['against_', await side(values.against, events, size)]);
  const cpu = new Map<string, number[]>(sides.map(([name]) => [name, []]));
  const bytes = new Map<string, number>();
  try {
    for (let r = 0; r < rounds + 1; r++) {
      for (const [name, s] of r % 2 === 0 ? sides : [...sides].reverse()) {
        const c0 = process.cpuUsage();
        for (let p = 0; p < pages; p++) bytes.set(name, await s.page());
        const c = process.cpuUsage(c0);
        if (r > 0) cpu.get(name)?.push((c.user + c.system) / pages); // round 0 warms up
      }
    }
  } finally {
    for (const [, s] of sides) s.close();
  }
  const perEvent = Math.min(size, events);
  const out: Record<string, unknown> = { bench: 'history-page', events, size };
  for (const [name, us] of cpu)
    out[name] = {
      cpuUsPerPage: round(median(us)),
      cpuUsPerEvent: round(median(us) / perEvent, 2),
      bodyBytes: bytes.get(name),
    };
  console.log(JSON.stringify(out));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

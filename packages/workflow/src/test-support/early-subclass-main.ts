// Loads a library that subclasses Date and Intl.DateTimeFormat before @swf-flow/workflow, then
// prints (as JSON) what workflow code gets from them, and from the same subclasses defined after
// the import. Run by sealed-environment.test.ts in a child process: the patches are installed once
// per process, so the library must be the first module loaded.
import { BusinessDate, HouseFormat } from './early-date-subclass.js';
import { WorkflowExecutor } from '../index.js';
import { HistoryBuilder } from './history-builder.js';

class LateDate extends Date {}

/** Each probe's result, or the error it threw (name: message). */
async function outcome(body: () => unknown): Promise<unknown> {
  async function probe(): Promise<unknown> {
    return body();
  }
  const ex = new WorkflowExecutor({ workflows: { probe }, execution: { workflowId: 'wf-1', runId: 'run-1' } });
  try {
    const r = await ex.processEvents(new HistoryBuilder().start('probe').decisionTask().events);
    return r.status === 'COMPLETED' ? r.result : `${r.status}: ${String(r.failure?.message)}`;
  } catch (err) {
    return `${(err as Error).name}: ${(err as Error).message}`;
  }
}

const caught = async (body: () => unknown): Promise<unknown> =>
  outcome(() => {
    try {
      return body();
    } catch {
      return 'caught';
    }
  });

console.log(
  JSON.stringify({
    early: await outcome(() => new BusinessDate().getTime()),
    earlyWithArgs: await outcome(() => new BusinessDate(2024, 0, 6).isWeekend()),
    earlyCaught: await caught(() => new BusinessDate().toISOString()),
    earlyFormat: await outcome(() => new HouseFormat().resolvedOptions().timeZone),
    late: await outcome(() => new LateDate().getTime()),
    outside: new BusinessDate(Date.UTC(2024, 0, 6, 12)).isWeekend(),
  }),
);

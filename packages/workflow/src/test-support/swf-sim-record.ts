/**
 * What SWF keeps for one execution of the model (`swf-sim.ts`): the history it records, event by
 * event with advancing times; the seeded random choice every move draws from; the decision task
 * scheduled or started; the things the run opened that SWF has not settled yet; and how it closed.
 */
import seedrandom from 'seedrandom';
import type { HistoryEvent } from '@swf-flow/common';
import type { ActivationResult } from '../executor.js';
import { SIM_EXECUTION, type Attrs, type SimStart } from './swf-sim-types.js';

/** Something the run opened that SWF has not settled: an activity, timer, child, request to another execution or Lambda task. */
export interface Open {
  kind: string;
  eventId: number;
  startedId: number;
  id: string;
  cancelRequested?: number;
}

/** One execution's history and state, as SWF holds them. */
export class SimRecord {
  readonly events: HistoryEvent[] = [];
  /** The seeded random source every choice of the model draws from, in order. */
  readonly rng: () => number;
  time = Date.UTC(2025, 0, 1);
  /** The scheduled decision task not started yet (its event id; 0 if none). */
  scheduledDt = 0;
  /** The started decision task (its event id; 0 if none). */
  startedDt = 0;
  closed: ActivationResult['status'] = 'OPEN';
  /** What the run opened and SWF has not settled, by kind and id. */
  readonly open = new Map<string, Open>();
  /** The child ids this run initiated (a request targeting one of them is about that child). */
  readonly childIds = new Set<string>();
  /** How many children started (their run ids are `child-run-<n>`). */
  childSeq = 0;
  /** An event recorded among the decisions of the task being completed asks for a decision task after them. */
  needDecisionLater = false;
  /** The run SWF starts because this one continued as new. */
  successor: SimStart | undefined;
  /** The run's ids. */
  readonly execution: { workflowId: string; runId: string };

  constructor(seed: number, start?: SimStart) {
    this.rng = seedrandom(`swf-sim-${seed}${start ? `-${start.runId}` : ''}`);
    this.execution = { workflowId: SIM_EXECUTION.workflowId, runId: start?.runId ?? SIM_EXECUTION.runId };
    if (start) this.time = start.time;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.rng() < p;
  }

  /** One of `items`, at random. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rng() * items.length)] as T;
  }

  /** Records an event (time moves on by a random step, or not at all); returns its id. */
  add(eventType: string, attributes: Attrs = {}): number {
    const eventId = this.events.length + 1;
    const key = `${eventType.charAt(0).toLowerCase()}${eventType.slice(1)}EventAttributes`;
    this.time += this.chance(0.2) ? 0 : Math.floor(this.rng() * 5000);
    this.events.push({ eventId, eventType, eventTimestamp: new Date(this.time), [key]: attributes } as HistoryEvent);
    return eventId;
  }

  /** Something happened that the decider must see: a decision task is scheduled unless one is. */
  needDecision(): void {
    if (this.scheduledDt === 0 && this.closed === 'OPEN')
      this.scheduledDt = this.add('DecisionTaskScheduled', { taskList: { name: 'main' }, startToCloseTimeout: '10' });
  }
}

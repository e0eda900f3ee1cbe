/**
 * The replay of a history that arrives in pages (`WorkflowExecutor.processPages`): each decision
 * task is replayed as soon as the pages have shown how it ended (`replayable-prefix.ts`), and its
 * events are let go.
 */
import { ValidationError, type HistoryEvent, type HistoryPages } from '@swf-flow/common';
import { replayablePrefix } from './replayable-prefix.js';

/** What the executor does with the pages' events. */
export interface PageSteps {
  /** Checks a page's ids and references (`checked` events came before it). @throws as `processEvents` does */
  check(page: readonly HistoryEvent[], checked: number): void;
  /** Reads ahead in a page (closed tasks, recorded markers) before any of it is replayed. */
  scan(page: readonly HistoryEvent[]): void;
  /** Replays events that continue the run. */
  apply(events: readonly HistoryEvent[]): Promise<void>;
}

/**
 * Reads the pages, oldest first, and replays them. After an error it goes on reading the pages,
 * without replaying them, so that it throws what `processEvents` of all the events would: that
 * checks every event's id and references before it replays any, so a gap or a broken reference in
 * a later page is reported before a divergence of the code in an earlier one (and an error of the
 * pages' reader, which a caller reading every page first would have met, before either).
 */
export async function replayPages(pages: HistoryPages, steps: PageSteps): Promise<void> {
  let pending: HistoryEvent[] = [];
  let checked = 0; // events whose ids and references have been checked
  let checking = true; // until a check fails
  let failure: { error: unknown } | undefined;
  for await (const page of pages()) {
    if (!Array.isArray(page))
      throw new ValidationError('processPages: each page must be an array of SWF history events');
    let replaying = false;
    try {
      if (checking) {
        steps.check(page, checked);
        checked += page.length;
      }
      if (failure) continue;
      replaying = true;
      steps.scan(page);
      for (const e of page) pending.push(e);
      const ready = replayablePrefix(pending);
      if (ready === 0) continue;
      await steps.apply(ready === pending.length ? pending : pending.slice(0, ready));
      pending = pending.slice(ready);
    } catch (err) {
      // The first failed check is what processEvents reports, even after a failed replay.
      if (!replaying) checking = false;
      failure = { error: err };
    }
  }
  if (failure) throw failure.error;
  await steps.apply(pending);
}

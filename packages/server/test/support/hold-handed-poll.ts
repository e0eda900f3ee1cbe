/**
 * A hook on a running service that makes the race between a task's hand-off and its poll's client
 * going away happen on every run: the answer of the next poll of one operation that is handed a
 * task is held until the service has seen that poll's client stop waiting (its signal aborted).
 */
import type { SwfService } from '../../src/service.js';

/** Resolves once `signal` has aborted. */
function aborted(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return Promise.reject(new Error('the poll has no signal'));
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/**
 * Holds the answer of the next poll of `operation` (started after this call) that is handed a task:
 * `handed` resolves once the task is claimed and committed and its answer rendered, and the answer
 * leaves only once the poll's signal aborted (the client's FIN or close arrived inside the window).
 * `restore` takes the hook off if no such poll came.
 */
export function holdNextHandedPoll(
  service: SwfService,
  operation: 'PollForDecisionTask' | 'PollForActivityTask',
): { handed: Promise<void>; restore: () => void } {
  const original = service.handleAndRender.bind(service);
  let handedNow: () => void = () => undefined;
  const handed = new Promise<void>((resolve) => (handedNow = resolve));
  service.handleAndRender = async (op, input, ctx, render) => {
    const answer = await original(op, input, ctx, render);
    const body = (answer as { body?: unknown }).body;
    if (op === operation && typeof body === 'string' && body.includes('"taskToken"')) {
      service.handleAndRender = original;
      handedNow();
      await aborted(ctx.signal);
    }
    return answer;
  };
  return { handed, restore: () => (service.handleAndRender = original) };
}

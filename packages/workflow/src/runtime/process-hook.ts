/**
 * The replayer's one process-wide `async_hooks` hook. Node calls every enabled hook's `init` for
 * every promise and resource of the whole process (the AWS SDK's, Node's HTTP), so the replayer
 * keeps a single one, with `init` only: the escape check (`seal/escapes.ts`) and the quiescence
 * bookkeeping of microtasks and ticks (`quiescence.ts`). The drain's `before` hook is a separate
 * one, enabled only while a drain runs.
 */
import { createHook } from 'node:async_hooks';
import { noteQuiescence } from './quiescence.js';
import { checkEscape } from './seal/escapes.js';

const hook = createHook({
  init(asyncId, type, triggerAsyncId, resource) {
    noteQuiescence(asyncId, type);
    checkEscape(asyncId, type, triggerAsyncId, resource);
  },
});

/** Enables the hook (once per process, see `installDeterminismPatches`). */
export function watchProcess(): void {
  hook.enable();
}

/**
 * Versioning running workflows: `patched(id)` and `deprecatePatch(id)` (Temporal's semantics).
 * The first time new code takes a patched branch it records a `SwfFlowPatch` marker; on replay
 * `patched(id)` is true only where the history recorded that marker, so runs started by old code
 * keep following the old branch.
 */
import { ValidationError } from '@swf-flow/common';
import { PATCH_MARKER } from '../runtime/markers.js';
import { currentStore } from '../runtime/storage.js';

function patchInternal(what: string, patchId: string, deprecated: boolean): boolean {
  const rt = currentStore(what).runtime;
  if (typeof patchId !== 'string' || patchId === '')
    throw new ValidationError(`${what}: patchId must be a non-empty string`);
  if (rt.patches.taken(patchId)) return true;
  const use = !rt.replaying || rt.patches.tookPatch(rt.activation, patchId);
  if (!use) return false;
  const details = JSON.stringify({ patchId, deprecated });
  const cmd = rt.issue({
    kind: 'patch',
    decision: { decisionType: 'RecordMarker', recordMarkerDecisionAttributes: { markerName: PATCH_MARKER, details } },
    key: patchId,
    label: `RecordMarker ${PATCH_MARKER} ${patchId}`,
    handlers: {},
  });
  rt.patches.take(patchId, cmd);
  return true;
}

/**
 * True when this run should take the new code path of patch `patchId`: always for new runs (and a
 * marker is recorded), and on replay only if the history recorded the marker at this point.
 *
 * @example
 * ```ts
 * if (patched('send-receipt')) await acts.sendReceipt(order);
 * ```
 */
export function patched(patchId: string): boolean {
  return patchInternal('patched()', patchId, false);
}

/**
 * Marks a patch as deprecated once no run that predates it is open: the new code path is then
 * unconditional; histories with or without the marker both replay.
 */
export function deprecatePatch(patchId: string): void {
  patchInternal('deprecatePatch()', patchId, true);
}

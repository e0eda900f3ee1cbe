/** Names and payloads of the markers swf-flow records for `patched()` and `sideEffect()`. */

/** The marker name of `patched(id)` / `deprecatePatch(id)`; details: `{"patchId":..,"deprecated":..}`. */
export const PATCH_MARKER = 'SwfFlowPatch';
/** The marker name of `sideEffect(fn)`; details: the value through the data converter. */
export const SIDE_EFFECT_MARKER = 'SwfFlowSideEffect';

/** Reads the patch id from a patch marker's details (`undefined` when unreadable). */
export function patchIdOf(details: string | undefined): string | undefined {
  if (!details) return undefined;
  try {
    const parsed = JSON.parse(details) as { patchId?: unknown };
    return typeof parsed.patchId === 'string' ? parsed.patchId : undefined;
  } catch {
    return undefined;
  }
}

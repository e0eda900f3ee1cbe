/** `recordMarker`: the internal command behind `sideEffect()` markers (one `RecordMarker` decision). */
import type { Decision } from '@swf-flow/common';
import type { CommandHandlers } from './command.js';
import type { WorkflowRuntime } from './runtime.js';

/**
 * Records a marker (`RecordMarker`); matched on replay by its position among markers and its name.
 * `handlers.failed` runs when SWF refused it (`RecordMarkerFailed`).
 */
export function recordMarker(
  rt: WorkflowRuntime,
  markerName: string,
  details: string | undefined,
  handlers: CommandHandlers = {},
): void {
  const attrs: { markerName: string; details?: string } = { markerName };
  if (details !== undefined) attrs.details = details;
  rt.issue({
    kind: 'marker',
    decision: { decisionType: 'RecordMarker', recordMarkerDecisionAttributes: attrs } as Decision,
    key: markerName,
    label: `RecordMarker ${markerName}`,
    handlers,
  });
}

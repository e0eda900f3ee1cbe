import { MAX_PAYLOAD_LENGTH, MAX_REASON_LENGTH, ValidationError, type Decision } from '@swf-flow/common';

/** SWF's limit on one API request (RespondDecisionTaskCompleted included), in bytes. */
export const MAX_REQUEST_BYTES = 1_048_576;
/** SWF keeps at most this many open activity tasks (and as many timers, and children) per execution. */
export const MAX_OPEN_PER_KIND = 1000;

/** A response to SWF would break one of its limits; the message names the decision and the field. */
export class SwfLimitError extends ValidationError {
  override name = 'SwfLimitError';
}

const FIELD_LIMITS: Record<string, number> = {
  input: MAX_PAYLOAD_LENGTH,
  result: MAX_PAYLOAD_LENGTH,
  details: MAX_PAYLOAD_LENGTH,
  control: MAX_PAYLOAD_LENGTH,
  reason: MAX_REASON_LENGTH,
  activityId: 256,
  timerId: 256,
  workflowId: 256,
  markerName: 256,
  signalName: 256,
  runId: 64,
};

const COUNTED: Record<string, string> = {
  ScheduleActivityTask: 'activity tasks',
  StartTimer: 'timers',
  StartChildWorkflowExecution: 'child workflow executions',
};

function attributesOf(decision: Decision): Record<string, unknown> {
  const type = decision.decisionType ?? '';
  const key = `${type.charAt(0).toLowerCase()}${type.slice(1)}DecisionAttributes`;
  return ((decision as unknown as Record<string, unknown>)[key] ?? {}) as Record<string, unknown>;
}

/**
 * Checks a decision task response against SWF's limits before it is sent: payloads (`input`,
 * `result`, `details`, `control`, `executionContext`) at most 32,768 characters, `reason` at most
 * 256, ids and names at most 256, at most 1,000 new activities/timers/children, and the whole
 * request at most 1 MB.
 * @throws SwfLimitError naming the offending decision and field.
 */
export function checkDecisionLimits(decisions: readonly Decision[], executionContext?: string): void {
  if (executionContext !== undefined && executionContext.length > MAX_PAYLOAD_LENGTH) {
    throw new SwfLimitError(
      `the workflow state (executionContext) is ${executionContext.length} characters; SWF allows at most ${MAX_PAYLOAD_LENGTH}`,
    );
  }
  const counts = new Map<string, number>();
  decisions.forEach((decision, index) => {
    const type = decision.decisionType ?? 'unknown';
    for (const [field, value] of Object.entries(attributesOf(decision))) {
      const limit = FIELD_LIMITS[field];
      if (limit !== undefined && typeof value === 'string' && value.length > limit) {
        throw new SwfLimitError(
          `decision #${index + 1} (${type}): ${field} is ${value.length} characters; SWF allows at most ${limit}`,
        );
      }
    }
    if (COUNTED[type]) counts.set(type, (counts.get(type) ?? 0) + 1);
  });
  for (const [type, count] of counts) {
    if (count > MAX_OPEN_PER_KIND) {
      throw new SwfLimitError(
        `${count} ${type} decisions in one response; SWF keeps at most ${MAX_OPEN_PER_KIND} open ${COUNTED[type]} per execution`,
      );
    }
  }
  const bytes = Buffer.byteLength(JSON.stringify({ decisions, executionContext }), 'utf8');
  if (bytes > MAX_REQUEST_BYTES) {
    throw new SwfLimitError(
      `the decision task response is ${bytes} bytes; SWF accepts requests of at most ${MAX_REQUEST_BYTES} bytes`,
    );
  }
}

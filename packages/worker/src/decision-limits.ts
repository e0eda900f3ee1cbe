/**
 * SWF's limits on a decision task's answer, checked again before sending. They live in
 * `@swf-flow/common`, shared with the replayer, which enforces them where the decisions are made.
 */
export {
  SwfLimitError,
  checkDecisionLimits,
  DECISION_FIELD_BOUNDS,
  DECISION_NAMED_FIELDS,
  MAX_REQUEST_BYTES,
  MAX_OPEN_PER_KIND,
} from '@swf-flow/common';

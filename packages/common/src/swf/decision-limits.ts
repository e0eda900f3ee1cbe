/**
 * SWF's limits on a decision task's answer: a breach names the decision and field. The replayer
 * enforces them where the code makes its decisions (`@swf-flow/workflow`), so that a run failed for
 * a breach replays to the same failure; the worker checks them again before sending.
 */
import type { Decision } from '../history.js';
import { ValidationError } from '../errors.js';
import { shownValue } from '../shown-value.js';
import { MAX_PAYLOAD_LENGTH } from './limits.js';
import { breaksSwfNameRule, SWF_NAME_RULE } from './names.js';

/** SWF's limit on one API request (RespondDecisionTaskCompleted included), in bytes. */
export const MAX_REQUEST_BYTES = 1_048_576;
/** SWF keeps at most this many open activity tasks (and as many timers, and children) per execution. */
export const MAX_OPEN_PER_KIND = 1000;

/** A response to SWF would break one of its limits; the message names the decision and the field. */
export class SwfLimitError extends ValidationError {
  override name = 'SwfLimitError';
}

type Bounds = readonly [min: number, max: number];

/**
 * Every length SWF's API model bounds in a decision, per decision type: a string's characters, or
 * a list's items (`tagList`); `[]` stands for each item of a list. Copied from the model's shapes
 * (`decision-limits.test.ts` compares this table with `service-2.json`, so a gap fails a test).
 */
export const DECISION_FIELD_BOUNDS: Readonly<Record<string, Readonly<Record<string, Bounds>>>> = {
  ScheduleActivityTask: {
    'activityType.name': [1, 256],
    'activityType.version': [1, 64],
    activityId: [1, 256],
    control: [0, 32768],
    input: [0, 32768],
    scheduleToCloseTimeout: [0, 8],
    'taskList.name': [1, 256],
    scheduleToStartTimeout: [0, 8],
    startToCloseTimeout: [0, 8],
    heartbeatTimeout: [0, 8],
  },
  RequestCancelActivityTask: { activityId: [1, 256] },
  CompleteWorkflowExecution: { result: [0, 32768] },
  FailWorkflowExecution: { reason: [0, 256], details: [0, 32768] },
  CancelWorkflowExecution: { details: [0, 32768] },
  ContinueAsNewWorkflowExecution: {
    input: [0, 32768],
    executionStartToCloseTimeout: [0, 8],
    'taskList.name': [1, 256],
    taskStartToCloseTimeout: [0, 8],
    tagList: [0, 5],
    'tagList[]': [0, 256],
    workflowTypeVersion: [1, 64],
    lambdaRole: [1, 1600],
  },
  RecordMarker: { markerName: [1, 256], details: [0, 32768] },
  StartTimer: { timerId: [1, 256], control: [0, 32768], startToFireTimeout: [1, 8] },
  CancelTimer: { timerId: [1, 256] },
  SignalExternalWorkflowExecution: {
    workflowId: [1, 256],
    runId: [0, 64],
    signalName: [1, 256],
    input: [0, 32768],
    control: [0, 32768],
  },
  RequestCancelExternalWorkflowExecution: { workflowId: [1, 256], runId: [0, 64], control: [0, 32768] },
  StartChildWorkflowExecution: {
    'workflowType.name': [1, 256],
    'workflowType.version': [1, 64],
    workflowId: [1, 256],
    control: [0, 32768],
    input: [0, 32768],
    executionStartToCloseTimeout: [0, 8],
    'taskList.name': [1, 256],
    taskStartToCloseTimeout: [0, 8],
    tagList: [0, 5],
    'tagList[]': [0, 256],
    lambdaRole: [1, 1600],
  },
  ScheduleLambdaFunction: {
    id: [1, 256],
    name: [1, 64],
    control: [0, 32768],
    input: [0, 32768],
    startToCloseTimeout: [0, 8],
  },
};

/**
 * The fields of a decision that SWF holds to its name rule ({@link SWF_NAME_RULE}): those whose
 * documentation in the API model states it, every task list's name, and the workflowId a signal or
 * cancel decision targets (the child's rule). SWF refuses the whole answer for a breach, so a
 * task that made one would fail again on every retry. `decision-limits.test.ts` compares this
 * table with `service-2.json`.
 */
export const DECISION_NAMED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  ScheduleActivityTask: ['activityId', 'taskList.name'],
  StartTimer: ['timerId'],
  StartChildWorkflowExecution: ['workflowId', 'taskList.name'],
  ContinueAsNewWorkflowExecution: ['taskList.name'],
  SignalExternalWorkflowExecution: ['workflowId'],
  RequestCancelExternalWorkflowExecution: ['workflowId'],
};

/** The value at a named field's path (one or two keys deep), when it is a string. */
function namedValue(attributes: Record<string, unknown>, path: string): string | undefined {
  const dot = path.indexOf('.');
  let value: unknown = dot < 0 ? attributes[path] : attributes[path.slice(0, dot)];
  if (dot >= 0)
    value =
      value === null || typeof value !== 'object' ? undefined : (value as Record<string, unknown>)[path.slice(dot + 1)];
  return typeof value === 'string' ? value : undefined;
}

/** The first named field of `decision` that breaks SWF's name rule, with its value. */
function nameBreach(type: string, attributes: Record<string, unknown>): [field: string, value: string] | undefined {
  const named = Object.prototype.hasOwnProperty.call(DECISION_NAMED_FIELDS, type) ? DECISION_NAMED_FIELDS[type] : [];
  for (const path of named ?? []) {
    const value = namedValue(attributes, path);
    if (value !== undefined && value !== '' && breaksSwfNameRule(value)) return [path, value];
  }
  return undefined;
}

/** One step of a bounded field's path: a key, and whether each item of the list there is meant (`list[]`). */
interface Step {
  key: string;
  each: boolean;
}

/** A bounded field of a decision type, its path split once. */
interface Field {
  steps: readonly Step[];
  bounds: Bounds;
}

const fieldsByType = new Map<string, readonly Field[]>();

/** The bounded fields of a decision type, in the table's order (split once per type). */
function fieldsOf(type: string): readonly Field[] {
  let fields = fieldsByType.get(type);
  if (fields === undefined) {
    const table = Object.prototype.hasOwnProperty.call(DECISION_FIELD_BOUNDS, type) ? DECISION_FIELD_BOUNDS[type] : {};
    fields = Object.entries(table ?? {}).map(([path, bounds]) => ({
      steps: path
        .split('.')
        .map((step) => (step.endsWith('[]') ? { key: step.slice(0, -2), each: true } : { key: step, each: false })),
      bounds,
    }));
    if (table !== undefined && table !== null && Object.keys(table).length > 0) fieldsByType.set(type, fields);
  }
  return fields;
}

/** A field's name as a message gives it (`a.b`, `list[2]`), from the keys and item indices walked. */
function nameOf(at: ReadonlyArray<string | number>): string {
  let name = '';
  for (const part of at) name += typeof part === 'number' ? `[${part}]` : name ? `.${part}` : part;
  return name;
}

/**
 * The first value along `steps` (depth first, which visits values in the order a walk level by
 * level lists them) that breaks `bounds`: its name and why; undefined when none does.
 */
function firstBreach(
  value: unknown,
  steps: readonly Step[],
  i: number,
  bounds: Bounds,
  at: Array<string | number>,
): [string, string] | undefined {
  const step = steps[i];
  if (step === undefined) {
    const why = breaks(value, bounds);
    return why === undefined ? undefined : [nameOf(at), why];
  }
  if (value === null || typeof value !== 'object') return undefined;
  const child = (value as Record<string, unknown>)[step.key];
  if (child === undefined || child === null) return undefined;
  at.push(step.key);
  try {
    if (!step.each) return firstBreach(child, steps, i + 1, bounds, at);
    if (!Array.isArray(child)) return undefined;
    for (let n = 0; n < child.length; n++) {
      at.push(n);
      const found = firstBreach(child[n], steps, i + 1, bounds, at);
      at.pop();
      if (found !== undefined) return found;
    }
    return undefined;
  } finally {
    at.pop();
  }
}

/**
 * Whether some value along `steps` breaks `bounds`: {@link firstBreach}'s walk without its names
 * (nothing is allocated), so that an answer within the limits, the usual case, costs only the walk.
 */
function anyBreach(value: unknown, steps: readonly Step[], i: number, bounds: Bounds): boolean {
  const step = steps[i];
  if (step === undefined) {
    if (typeof value !== 'string' && !Array.isArray(value)) return false;
    return value.length > bounds[1] || value.length < bounds[0];
  }
  if (value === null || typeof value !== 'object') return false;
  const child = (value as Record<string, unknown>)[step.key];
  if (child === undefined || child === null) return false;
  if (!step.each) return anyBreach(child, steps, i + 1, bounds);
  if (!Array.isArray(child)) return false;
  for (let n = 0; n < child.length; n++) if (anyBreach(child[n], steps, i + 1, bounds)) return true;
  return false;
}

/** Why `value` breaks `bounds`, or undefined. */
function breaks(value: unknown, [min, max]: Bounds): string | undefined {
  if (typeof value !== 'string' && !Array.isArray(value)) return undefined;
  const unit = typeof value === 'string' ? 'characters' : 'items';
  if (value.length > max) {
    const hint = max === 8 && typeof value === 'string' ? ` (a timeout is whole seconds: at most 99999999)` : '';
    return `is ${value.length} ${unit}; SWF allows at most ${max}${hint}`;
  }
  if (value.length < min) return `is ${value.length} ${unit}; SWF needs at least ${min}`;
  return undefined;
}

const COUNTED: Record<string, string> = {
  ScheduleActivityTask: 'activity tasks',
  StartTimer: 'timers',
  StartChildWorkflowExecution: 'child workflow executions',
};

/** `scheduleActivityTaskDecisionAttributes` and the like, by decision type (made once per type). */
const attributeKeys = new Map<string, string>();

function attributesOf(decision: Decision): Record<string, unknown> {
  const type = decision.decisionType ?? '';
  let key = attributeKeys.get(type);
  if (key === undefined) {
    key = `${type.charAt(0).toLowerCase()}${type.slice(1)}DecisionAttributes`;
    if (attributeKeys.size < 64) attributeKeys.set(type, key);
  }
  return ((decision as unknown as Record<string, unknown>)[key] ?? {}) as Record<string, unknown>;
}

/**
 * Checks a decision task response against SWF's limits before it is sent, so that a response SWF
 * would refuse (the task would come back and fail again, for ever) fails the workflow with a clear
 * error instead: every length the API model bounds (`DECISION_FIELD_BOUNDS`: payloads at most
 * 32,768 characters, reasons, ids and names at most 256, versions 64, timeouts 8 digits, at most 5
 * tags), the names SWF holds to its name rule (`DECISION_NAMED_FIELDS`), `executionContext` at most 32,768 characters, at most 1,000 new activities/timers/children,
 * and the whole request at most 1 MB.
 * @throws SwfLimitError naming the offending decision and field.
 */
export function checkDecisionLimits(decisions: readonly Decision[], executionContext?: string): void {
  if (executionContext !== undefined && executionContext.length > MAX_PAYLOAD_LENGTH) {
    throw new SwfLimitError(
      `the workflow state (executionContext) is ${executionContext.length} characters; SWF allows at most ${MAX_PAYLOAD_LENGTH}`,
    );
  }
  let counts: Map<string, number> | undefined;
  for (let index = 0; index < decisions.length; index++) {
    if (!(index in decisions)) continue; // a hole, skipped as forEach skips it
    const decision = decisions[index] as Decision;
    const type = decision.decisionType ?? 'unknown';
    const attributes = attributesOf(decision);
    for (const { steps, bounds } of fieldsOf(type)) {
      if (!anyBreach(attributes, steps, 0, bounds)) continue;
      const found = firstBreach(attributes, steps, 0, bounds, []);
      if (found !== undefined) throw new SwfLimitError(`decision #${index + 1} (${type}): ${found[0]} ${found[1]}`);
    }
    const badName = nameBreach(type, attributes);
    if (badName !== undefined)
      throw new SwfLimitError(
        `decision #${index + 1} (${type}): ${badName[0]} ${shownValue(badName[1])} is not valid for SWF: it ${SWF_NAME_RULE}`,
      );
    if (COUNTED[type]) {
      counts ??= new Map();
      counts.set(type, (counts.get(type) ?? 0) + 1);
    }
  }
  for (const [type, count] of counts ?? []) {
    if (count > MAX_OPEN_PER_KIND) {
      throw new SwfLimitError(
        `${count} ${type} decisions in one response; SWF keeps at most ${MAX_OPEN_PER_KIND} open ${COUNTED[type]} per execution`,
      );
    }
  }
  let bound = 6 * (executionContext?.length ?? 0) + 64;
  for (const decision of decisions) bound += decisionSizeBound(decision);
  if (bound <= MAX_REQUEST_BYTES) return;
  const bytes = utf8Length(JSON.stringify({ decisions, executionContext }));
  if (bytes > MAX_REQUEST_BYTES) {
    throw new SwfLimitError(
      `the decision task response is ${bytes} bytes; SWF accepts requests of at most ${MAX_REQUEST_BYTES} bytes`,
    );
  }
}

/** A bounded field compiled for {@link decisionSizeBound}: one or two keys deep, or each item of a list. */
interface FlatField {
  first: string;
  second: string | undefined;
  each: boolean;
  min: number;
  max: number;
}

const flatByType = new Map<string, readonly FlatField[]>();

function flatFieldsOf(type: string): readonly FlatField[] {
  let flat = flatByType.get(type);
  if (flat === undefined) {
    flat = fieldsOf(type).map(({ steps, bounds: [min, max] }) => {
      const [a, b] = steps as [Step, Step | undefined];
      if (steps.length > 2 || (b !== undefined && a.each))
        throw new Error(`decision-limits: ${type} has a field too deep`);
      return { first: a.key, second: b?.key, each: (b ?? a).each, min, max };
    });
    flatByType.set(type, flat);
  }
  return flat;
}

/**
 * An upper bound on the UTF-8 size of a decision's JSON in a request, cheap enough to take for
 * every decision a replay makes: 6 bytes for each character of its bounded strings (the most a
 * JSON character can take, `\u0000`) and 2 KB for its keys, punctuation and short enum values.
 * `Infinity` when a bounded field is out of its bounds: {@link checkDecisionLimits} then says which.
 */
export function decisionSizeBound(decision: Decision): number {
  const attributes = attributesOf(decision);
  if (nameBreach(decision.decisionType ?? '', attributes) !== undefined) return Number.POSITIVE_INFINITY;
  let chars = 0;
  for (const f of flatFieldsOf(decision.decisionType ?? '')) {
    let value: unknown = attributes[f.first];
    if (f.second !== undefined)
      value = value === null || typeof value !== 'object' ? undefined : (value as Record<string, unknown>)[f.second];
    if (f.each) {
      if (!Array.isArray(value)) continue;
      for (const item of value) {
        if (typeof item !== 'string') continue;
        if (item.length > f.max || item.length < f.min) return Number.POSITIVE_INFINITY;
        chars += item.length;
      }
    } else if (typeof value === 'string' || Array.isArray(value)) {
      if (value.length > f.max || value.length < f.min) return Number.POSITIVE_INFINITY;
      if (typeof value === 'string') chars += value.length;
    }
  }
  return 2048 + 6 * chars;
}

/** The UTF-8 length of `s` (a lone surrogate counts 3 bytes, as its replacement character would). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

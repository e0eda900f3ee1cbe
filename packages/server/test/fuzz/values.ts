/**
 * Request bodies generated from the SWF model (`service-2.json`): every operation's input shape,
 * walked member by member. Names come from the {@link Pool} (so requests reach real domains, types,
 * executions and tasks), from small vocabularies (so ids collide), or are made up. A decision is
 * generated as SWF expects one: a `decisionType` and the attributes of that type.
 */
import { type ModelShape, serviceModel, shapeOf } from '../../src/model/model.js';
import { BASELINE, type Pool, VOCABULARY } from './pool.js';
import type { Random } from './random.js';

/** What a request is about, chosen once per request so that its parts fit together. */
interface Context {
  r: Random;
  pool: Pool;
  domain: string;
}

const TEXT = [
  '',
  'x',
  'hello',
  '{"a":1}',
  '[1,2,3]',
  'ünïcødé ✓',
  '𝄞 emoji 🚀',
  'line\nbreak',
  'tab\there',
  'quote"s',
  '\u0000nul',
  '<script>',
  'null',
];

function text(c: Context, max: number | undefined): string {
  const { r } = c;
  const base = r.chance(0.8) ? r.pick(TEXT) : `${r.pick(TEXT)}-${r.int(0, 1e6)}`;
  if (r.chance(0.03)) return 'z'.repeat(Math.min(max ?? 5_000, 5_000));
  return max !== undefined ? base.slice(0, max) : base;
}

function duration(c: Context, optional: boolean): string {
  const { r } = c;
  return r.weighted<string>([
    [String(r.int(1, 30)), 6],
    ['3600', 2],
    ['NONE', optional ? 2 : 0.2],
    ['0', 0.5],
    [String(r.int(0, 99_999_999)), 0.5],
  ]);
}

function stringValue(c: Context, shapeName: string, shape: ModelShape, memberName: string, parent: string): string {
  const { r, pool } = c;
  if (shape.enum) return r.pick(shape.enum);
  switch (shapeName) {
    case 'DomainName':
      return r.chance(0.9) ? c.domain : pool.domain(r);
    case 'Name':
      if (parent === 'TaskList') return r.pick(VOCABULARY.taskLists);
      return r.chance(0.9) ? r.pick(['Wf', 'Act', 'Other']) : text(c, shape.max);
    case 'Version':
    case 'VersionOptional':
      return r.pick(VOCABULARY.versions);
    case 'TaskToken': {
      // Answers take a pooled task's token (see generateInput); here: a token of the wrong kind, or none.
      const task = pool.recent(r, [...pool.decisionTasks, ...pool.activityTasks]);
      return task && r.chance(0.5) ? task.token : r.pick(['bogus', 'AAAA', `${task?.token ?? 'x'}x`]);
    }
    case 'WorkflowId': {
      const execution = pool.recent(
        r,
        pool.executions.filter((e) => e.domain === c.domain),
      );
      return execution && r.chance(0.6) ? execution.workflowId : r.pick(VOCABULARY.workflowIds);
    }
    case 'WorkflowRunId':
    case 'WorkflowRunIdOptional': {
      const execution = pool.recent(r, pool.executions);
      return execution && r.chance(0.9)
        ? execution.runId
        : r.pick(['', '00000000-0000-0000-0000-000000000000', 'nope']);
    }
    case 'DurationInSeconds':
    case 'DurationInSecondsOptional':
      return duration(c, shapeName.endsWith('Optional'));
    case 'DurationInDays':
      return r.pick(['0', '1', '7', '90', 'NONE', '91']);
    case 'ActivityId':
    case 'TimerId':
    case 'FunctionId':
      return r.pick(VOCABULARY.ids);
    case 'SignalName':
      return r.pick(VOCABULARY.signals);
    case 'MarkerName':
      return r.pick(['m', 'marker', 'Version']);
    case 'Tag':
      return r.pick(VOCABULARY.tags);
    case 'ResourceTagKey':
      return r.pick(['k1', 'k2', 'k3']);
    case 'PageToken':
      return r.chance(0.7) && pool.pageTokens.length > 0
        ? (pool.recent(r, pool.pageTokens) as string)
        : r.pick(['', 'junk', 'eyJ9', 'A'.repeat(2_048)]);
    case 'Arn':
      if (memberName === 'resourceArn' && pool.arns.length > 0 && r.chance(0.85))
        return pool.recent(r, pool.arns) as string;
      return r.pick([
        'arn:aws:swf:us-east-1:000000000000:/domain/none',
        'arn:aws:iam::000000000000:role/x',
        'not-an-arn',
      ]);
    case 'TaskPriority':
      return r.pick(['0', '1', '-5', '2147483647', 'high']);
    default:
      return text(c, shape.max);
  }
}

function listValue(c: Context, shape: ModelShape, depth: number): unknown[] {
  const { r } = c;
  const min = shape.min ?? 0;
  const max = Math.min(shape.max ?? 4, 4);
  const n = r.int(min, Math.max(min, max));
  return Array.from({ length: n }, () => valueOf(c, shape.member?.shape ?? 'Data', '', '', depth + 1));
}

const DECISION_WEIGHT: Record<string, number> = {
  ScheduleActivityTask: 5,
  StartTimer: 2,
  StartChildWorkflowExecution: 1.5,
  RecordMarker: 1.5,
};

/** A decision: a type, and that type's attributes (with names that refer to what the pool knows). */
function decision(c: Context, depth: number): Record<string, unknown> {
  const { r } = c;
  // Every type of the model; scheduling activities and timers more often, so that runs have work out.
  const type = r.weighted((shapeOf('DecisionType').enum ?? []).map((t) => [t, DECISION_WEIGHT[t] ?? 1] as const));
  const attributes = `${type[0]?.toLowerCase()}${type.slice(1)}DecisionAttributes`;
  const member = shapeOf('Decision').members?.[attributes];
  const out: Record<string, unknown> = { decisionType: type };
  if (member) out[attributes] = valueOf(c, member.shape, attributes, 'Decision', depth + 1);
  return out;
}

function structureValue(c: Context, shapeName: string, shape: ModelShape, depth: number): Record<string, unknown> {
  const { r, pool } = c;
  if (shapeName === 'Decision') return decision(c, depth);
  if (shapeName === 'WorkflowType' || shapeName === 'ActivityType') {
    const list = shapeName === 'WorkflowType' ? pool.workflowTypes : pool.activityTypes;
    // The baseline type (registered with every default) half the time, else one the fuzzer registered.
    if (BASELINE.domains.includes(c.domain as never) && r.chance(0.5))
      return { name: shapeName === 'WorkflowType' ? 'Wf' : 'Act', version: BASELINE.version };
    const known = pool.recent(
      r,
      list.filter((t) => t.domain === c.domain),
    );
    if (known && r.chance(0.9)) return { name: known.name, version: known.version };
  }
  if (shapeName === 'WorkflowExecution') {
    const known = pool.recent(
      r,
      pool.executions.filter((e) => e.domain === c.domain),
    );
    if (known && r.chance(0.9)) return { workflowId: known.workflowId, runId: known.runId };
  }
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members ?? {})) {
    const required = shape.required?.includes(name) ?? false;
    if (required || r.chance(depth === 0 ? 0.5 : 0.35))
      out[name] = valueOf(c, member.shape, name, shapeName, depth + 1);
  }
  return out;
}

function valueOf(c: Context, shapeName: string, memberName: string, parent: string, depth: number): unknown {
  const { r } = c;
  const shape = shapeOf(shapeName);
  switch (shape.type) {
    case 'structure':
      return structureValue(c, shapeName, shape, depth);
    case 'list':
      return listValue(c, shape, depth);
    case 'string':
      return stringValue(c, shapeName, shape, memberName, parent);
    case 'integer':
    case 'long':
      if (memberName.endsWith('EventId')) {
        const task = c.pool.recent(r, c.pool.decisionTasks);
        if (task && task.eventIds.length > 0 && r.chance(0.8)) return r.pick(task.eventIds);
      }
      return r.weighted<number>([
        [r.int(shape.min ?? 0, Math.min(shape.max ?? 100, 100)), 8],
        [shape.max ?? 1_000_000, 1],
        [shape.min ?? 0, 1],
      ]);
    case 'boolean':
      return r.chance(0.5);
    case 'timestamp':
      return Math.floor(Date.now() / 1000) + r.int(-86_400 * 30, 3_600);
    default:
      return null;
  }
}

/** Points a deprecate or delete away from the baseline domains and types (see {@link BASELINE}). */
function spareBaseline(r: Random, operation: string, input: Record<string, unknown>): void {
  if (operation === 'DeprecateDomain') {
    if (BASELINE.domains.includes(input.name as never)) input.name = `dom-${r.int(0, 5)}`;
    return;
  }
  for (const key of ['workflowType', 'activityType']) {
    const type = input[key] as { version?: unknown } | undefined;
    if (type && type.version === BASELINE.version) type.version = VOCABULARY.versions[1];
  }
}

/** Makes most starts succeed, so that runs exist to poll, answer, signal and cancel: a baseline type and its defaults. */
function startable(r: Random, input: Record<string, unknown>): void {
  input.domain = r.pick(BASELINE.domains);
  input.workflowType = { name: 'Wf', version: BASELINE.version };
  for (const key of ['executionStartToCloseTimeout', 'taskStartToCloseTimeout', 'taskPriority', 'lambdaRole'])
    if (r.chance(0.8)) delete input[key];
}

/** A plausible input for `operation`, generated from its input shape. */
export function generateInput(r: Random, pool: Pool, operation: string): Record<string, unknown> {
  const input = serviceModel().operations[operation]?.input;
  if (!input) return {};
  const c: Context = { r, pool, domain: pool.domain(r) };
  // An answer to a task: the task first, so that the decisions name things of its domain.
  const tasks =
    operation === 'RespondDecisionTaskCompleted'
      ? pool.decisionTasks
      : /^(RespondActivity|RecordActivity)/.test(operation)
        ? pool.activityTasks
        : [];
  const task = r.chance(0.95) ? pool.recent(r, tasks) : undefined;
  if (task) c.domain = task.domain;
  const out = structureValue(c, input.shape, shapeOf(input.shape), 0);
  if (task) out.taskToken = task.token;
  if (operation === 'DeprecateDomain' || (/^(Deprecate|Delete)/.test(operation) && r.chance(0.9)))
    spareBaseline(r, operation, out);
  if (operation === 'StartWorkflowExecution' && r.chance(0.6)) startable(r, out);
  if (operation.startsWith('PollFor') && r.chance(0.7)) {
    // Where the baseline's work lands: its workflow type's and activity type's default task lists.
    out.domain = r.pick(BASELINE.domains);
    out.taskList = { name: operation === 'PollForDecisionTask' ? 'tl1' : 'tl2' };
    if (r.chance(0.9)) delete out.nextPageToken;
  }
  return out;
}

/** Every operation of the model. */
export function operations(): string[] {
  return Object.keys(serviceModel().operations);
}

/**
 * What the history builder's helpers accept, and the two conversions every family of events
 * shares: a type reference to SWF's `{ name, version }` and a timeout to SWF's seconds.
 */
import { toSwfTimeout, type Duration } from '@swf-flow/common';

/** A workflow or activity type; a bare string is the name with version `'1.0'`. */
export type TypeRef = string | { name: string; version: string };

/** Options of {@link HistoryBuilder.workflowStarted}. */
export interface WorkflowStartedOptions {
  /** The workflow type. @default the builder's `workflowType` */
  workflowType?: TypeRef;
  /** The workflow's arguments, encoded as the data converter does (a JSON array). */
  args?: unknown[];
  /** The raw input payload (e.g. `'World'` from `aws swf start-workflow-execution --input World`); wins over `args`. */
  input?: string;
  /** @default 'default' */
  taskList?: string;
  /** @default 'TERMINATE' */
  childPolicy?: string;
  /** @default '3600' */
  executionStartToCloseTimeout?: Duration;
  /** @default '60' */
  taskStartToCloseTimeout?: Duration;
  /** Tags of the execution. */
  tagList?: string[];
  /** The run this one continues (continue-as-new). */
  continuedExecutionRunId?: string;
  /** The parent execution, for a child. */
  parentWorkflowExecution?: { workflowId: string; runId: string };
}

/** Options of {@link HistoryBuilder.activityScheduled}. */
export interface ActivityScheduledOptions {
  /** @default `'<n>'`, counting scheduled activities from 1 */
  activityId?: string;
  /** The activity's arguments (a JSON array). */
  args?: unknown[];
  /** The raw input payload; wins over `args`. */
  input?: string;
  /** @default 'default' */
  taskList?: string;
  /** Control data of the decision. */
  control?: string;
  /** @default '300' each */
  scheduleToStartTimeout?: Duration | 'NONE';
  /** @default '600' */
  scheduleToCloseTimeout?: Duration | 'NONE';
  /** @default '300' */
  startToCloseTimeout?: Duration | 'NONE';
  /** @default 'NONE' */
  heartbeatTimeout?: Duration | 'NONE';
}

/** Options of the child workflow events. */
export interface ChildOptions {
  /** The child's workflow id. @default the most recent child still open */
  workflowId?: string;
}

/** SWF's `{ name, version }` of a type reference (version `'1.0'` for a bare name). */
export function typeOf(ref: TypeRef): { name: string; version: string } {
  return typeof ref === 'string' ? { name: ref, version: '1.0' } : { name: ref.name, version: ref.version };
}

/** A timeout in SWF's form (seconds as a string, or `'NONE'`), or `fallback` when none is given. */
export function seconds(d: Duration | 'NONE' | undefined, fallback: string): string {
  return toSwfTimeout(d, 'timeout') ?? fallback;
}

/** What differs between workflow and activity types: wire names and default fields. */
import type { TypeKind } from './records.js';

/** How one kind of type appears on the wire. */
export interface TypeKindSpec {
  kind: TypeKind;
  /** `WorkflowType` or `ActivityType`: fault messages. */
  label: string;
  /** The input member naming the type: `workflowType` or `activityType`. */
  typeMember: 'workflowType' | 'activityType';
  /** Every configuration member (each a string except `defaultTaskList`). */
  configMembers: readonly string[];
}

/** Workflow types. */
export const WORKFLOW_KIND: TypeKindSpec = {
  kind: 'workflow',
  label: 'WorkflowType',
  typeMember: 'workflowType',
  configMembers: [
    'defaultTaskStartToCloseTimeout',
    'defaultExecutionStartToCloseTimeout',
    'defaultTaskList',
    'defaultTaskPriority',
    'defaultChildPolicy',
    'defaultLambdaRole',
  ],
};

/** Activity types. */
export const ACTIVITY_KIND: TypeKindSpec = {
  kind: 'activity',
  label: 'ActivityType',
  typeMember: 'activityType',
  configMembers: [
    'defaultTaskStartToCloseTimeout',
    'defaultTaskHeartbeatTimeout',
    'defaultTaskList',
    'defaultTaskPriority',
    'defaultTaskScheduleToStartTimeout',
    'defaultTaskScheduleToCloseTimeout',
  ],
};

/** `WorkflowType=[name=X, version=Y]`, as SWF names a type in fault messages. */
export function typeLabel(spec: TypeKindSpec, name: string, version: string): string {
  return `${spec.label}=[name=${name}, version=${version}]`;
}

/** What differs between workflow and activity types: wire names and default fields. */
import type {
  ActivityTypeDetail,
  ActivityTypeInfo,
  ActivityTypeInfos,
  DescribeActivityTypeInput,
  DescribeWorkflowTypeInput,
  ListActivityTypesInput,
  ListWorkflowTypesInput,
  RegisterActivityTypeInput,
  RegisterWorkflowTypeInput,
  WorkflowTypeDetail,
  WorkflowTypeInfo,
  WorkflowTypeInfos,
} from '../model/wire-types.js';
import type { TypeKind } from './records.js';

/** The wire shapes of one kind's operations. */
export interface TypeKindWire {
  /** Workflow types. */
  workflow: {
    register: RegisterWorkflowTypeInput;
    /** Deprecate, Undeprecate, Delete and Describe all name the type this way. */
    ref: DescribeWorkflowTypeInput;
    list: ListWorkflowTypesInput;
    info: WorkflowTypeInfo;
    infos: WorkflowTypeInfos;
    detail: WorkflowTypeDetail;
  };
  /** Activity types. */
  activity: {
    register: RegisterActivityTypeInput;
    /** Deprecate, Undeprecate, Delete and Describe all name the type this way. */
    ref: DescribeActivityTypeInput;
    list: ListActivityTypesInput;
    info: ActivityTypeInfo;
    infos: ActivityTypeInfos;
    detail: ActivityTypeDetail;
  };
}

/** How one kind of type appears on the wire. */
export interface TypeKindSpec<K extends TypeKind = TypeKind> {
  kind: K;
  /** `WorkflowType` or `ActivityType`: fault messages. */
  label: string;
  /** The input member naming the type: `workflowType` or `activityType`. */
  typeMember: 'workflowType' | 'activityType';
  /** Every configuration member (each a string except `defaultTaskList`). */
  configMembers: readonly string[];
}

/** Workflow types. */
export const WORKFLOW_KIND: TypeKindSpec<'workflow'> = {
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
export const ACTIVITY_KIND: TypeKindSpec<'activity'> = {
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

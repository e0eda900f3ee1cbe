/**
 * The registry's records: what the rest of the service (the engine) reads about domains and
 * registered types. Timestamps are epoch milliseconds; timeouts are SWF strings (`'300'`, `'NONE'`).
 */

import type { ChildPolicy } from '../model/wire-types.js';

/** Whether a domain or type may be used for new work. */
export type RegistrationStatus = 'REGISTERED' | 'DEPRECATED';

/** A registered domain. */
export interface DomainRecord {
  /** The domain's name. */
  name: string;
  /** `DEPRECATED` domains keep their executions but accept no new types or executions. */
  status: RegistrationStatus;
  /** Free text given at registration. */
  description?: string;
  /** How long closed executions are kept, in days (`0` = not retained, from `'NONE'`). */
  retentionDays: number;
}

/** The fields workflow and activity types share. */
export interface TypeRecordBase {
  /** The domain the type is registered in. */
  domain: string;
  /** The type's name. */
  name: string;
  /** The type's version. */
  version: string;
  /** `DEPRECATED` types cannot be used for new executions or tasks. */
  status: RegistrationStatus;
  /** Free text given at registration. */
  description?: string;
  /** When the type was registered (epoch ms). */
  creationDate: number;
  /** When the type was last deprecated (epoch ms), if it is deprecated. */
  deprecationDate?: number;
}

/** A registered workflow type and its defaults. */
export interface WorkflowTypeRecord extends TypeRecordBase {
  /** Default decision task list name. */
  defaultTaskList?: string;
  /** Default task priority (an integer as a string). */
  defaultTaskPriority?: string;
  /** Default `executionStartToCloseTimeout` in seconds (or `'NONE'`). */
  defaultExecutionStartToCloseTimeout?: string;
  /** Default decision `taskStartToCloseTimeout` in seconds (or `'NONE'`). */
  defaultTaskStartToCloseTimeout?: string;
  /** Default child policy: `TERMINATE`, `REQUEST_CANCEL` or `ABANDON`. */
  defaultChildPolicy?: ChildPolicy;
  /** Default IAM role for Lambda functions. */
  defaultLambdaRole?: string;
}

/** A registered activity type and its defaults. */
export interface ActivityTypeRecord extends TypeRecordBase {
  /** Default activity task list name. */
  defaultTaskList?: string;
  /** Default task priority (an integer as a string). */
  defaultTaskPriority?: string;
  /** Default heartbeat timeout in seconds (or `'NONE'`). */
  defaultTaskHeartbeatTimeout?: string;
  /** Default schedule-to-start timeout in seconds (or `'NONE'`). */
  defaultTaskScheduleToStartTimeout?: string;
  /** Default schedule-to-close timeout in seconds (or `'NONE'`). */
  defaultTaskScheduleToCloseTimeout?: string;
  /** Default start-to-close timeout in seconds (or `'NONE'`). */
  defaultTaskStartToCloseTimeout?: string;
}

/** The two kinds of registered type. */
export type TypeKind = 'workflow' | 'activity';

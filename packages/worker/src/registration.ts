/** Registers the domain and the worker's types, and reports where an existing registration differs. */
import {
  DescribeActivityTypeCommand,
  DescribeWorkflowTypeCommand,
  RegisterActivityTypeCommand,
  RegisterDomainCommand,
  RegisterWorkflowTypeCommand,
  type RegisterActivityTypeInput,
  type RegisterWorkflowTypeInput,
  type SWFClient,
} from '@aws-sdk/client-swf';
import type { Logger } from '@swf-flow/common';

/** The registration defaults of a type that are compared with an existing registration. */
const WORKFLOW_DEFAULTS = [
  'defaultTaskList',
  'defaultTaskStartToCloseTimeout',
  'defaultExecutionStartToCloseTimeout',
  'defaultChildPolicy',
  'defaultTaskPriority',
] as const;
const ACTIVITY_DEFAULTS = [
  'defaultTaskList',
  'defaultTaskScheduleToStartTimeout',
  'defaultTaskScheduleToCloseTimeout',
  'defaultTaskStartToCloseTimeout',
  'defaultTaskHeartbeatTimeout',
  'defaultTaskPriority',
] as const;

function errName(err: unknown): string {
  return (err as { name?: string })?.name ?? '';
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '(unset)';
  if (typeof value === 'object' && 'name' in value) return String((value as { name: unknown }).name);
  return String(value);
}

/**
 * Lists how an existing registration's defaults differ from the wanted ones, e.g.
 * `defaultTaskList: registered 'a', this worker 'b'`. Only defaults the worker sets are compared.
 */
export function registrationDifferences(
  wanted: Record<string, unknown>,
  registered: Record<string, unknown>,
  fields: readonly string[],
): string[] {
  const out: string[] = [];
  for (const field of fields) {
    if (wanted[field] === undefined) continue;
    const a = show(wanted[field]);
    const b = show(registered[field]);
    if (a !== b) out.push(`${field}: registered ${b}, this worker ${a}`);
  }
  return out;
}

/** Registers the domain; an existing domain is fine. */
export async function registerDomain(
  swf: SWFClient,
  domain: string,
  retentionDays: number,
  logger: Logger,
): Promise<void> {
  try {
    await swf.send(
      new RegisterDomainCommand({ name: domain, workflowExecutionRetentionPeriodInDays: String(retentionDays) }),
    );
    logger.info(`registered domain ${domain}`, { retentionDays });
  } catch (err) {
    if (errName(err) !== 'DomainAlreadyExistsFault') throw err;
  }
}

/** Registers a workflow type; if it exists with other defaults, warns naming each difference. */
export async function registerWorkflowType(
  swf: SWFClient,
  input: RegisterWorkflowTypeInput,
  logger: Logger,
): Promise<void> {
  const what = `workflow type ${input.name} ${input.version}`;
  try {
    await swf.send(new RegisterWorkflowTypeCommand(input));
    logger.info(`registered ${what}`, { domain: input.domain });
  } catch (err) {
    if (errName(err) !== 'TypeAlreadyExistsFault') throw err;
    const described = await swf.send(
      new DescribeWorkflowTypeCommand({
        domain: input.domain,
        workflowType: { name: input.name, version: input.version },
      }),
    );
    const diffs = registrationDifferences(
      input as unknown as Record<string, unknown>,
      (described.configuration ?? {}) as Record<string, unknown>,
      WORKFLOW_DEFAULTS,
    );
    if (described.typeInfo?.status === 'DEPRECATED')
      logger.warn(`${what} is DEPRECATED in domain ${input.domain}: new executions of it cannot start`);
    if (diffs.length > 0) {
      logger.warn(
        `${what} is already registered with other defaults (SWF keeps the first registration; register a new version to change them): ${diffs.join('; ')}`,
      );
    }
  }
}

/** Registers an activity type; if it exists with other defaults, warns naming each difference. */
export async function registerActivityType(
  swf: SWFClient,
  input: RegisterActivityTypeInput,
  logger: Logger,
): Promise<void> {
  const what = `activity type ${input.name} ${input.version}`;
  try {
    await swf.send(new RegisterActivityTypeCommand(input));
    logger.info(`registered ${what}`, { domain: input.domain });
  } catch (err) {
    if (errName(err) !== 'TypeAlreadyExistsFault') throw err;
    const described = await swf.send(
      new DescribeActivityTypeCommand({
        domain: input.domain,
        activityType: { name: input.name, version: input.version },
      }),
    );
    const diffs = registrationDifferences(
      input as unknown as Record<string, unknown>,
      (described.configuration ?? {}) as Record<string, unknown>,
      ACTIVITY_DEFAULTS,
    );
    if (described.typeInfo?.status === 'DEPRECATED')
      logger.warn(`${what} is DEPRECATED in domain ${input.domain}: it can no longer be scheduled`);
    if (diffs.length > 0) {
      logger.warn(
        `${what} is already registered with other defaults (SWF keeps the first registration; register a new version to change them): ${diffs.join('; ')}`,
      );
    }
  }
}

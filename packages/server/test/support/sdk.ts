/**
 * Conformance helpers: a real `SWFClient` pointed at a local server, and a `call` that checks every
 * output against the model and every fault against the operation's declared faults.
 */
import {
  RegisterDomainCommand,
  RegisterWorkflowTypeCommand,
  SWFClient,
  SWFServiceException,
} from '@aws-sdk/client-swf';
import { expect } from 'vitest';
import { allowedFaults, outputProblems } from './model-check.js';

/** An SDK client for a local server over HTTP (dummy credentials, no retries). */
export function httpClient(url: string): SWFClient {
  return new SWFClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

/** An SDK command, typed just enough to infer its output. */
export interface Sendable<O = unknown> {
  readonly input: object;
  resolveMiddleware(...args: never[]): (...args: never[]) => Promise<{ output: O }>;
}

function operationName(command: object): string {
  return command.constructor.name.replace(/Command$/, '');
}

/** Sends a command, checks its output against the model (skip for empty polls) and returns it. */
export async function call<O extends object>(swf: SWFClient, command: Sendable<O>): Promise<O> {
  const op = operationName(command);
  const output = (await swf.send(command as never)) as unknown as O & Record<string, unknown>;
  const emptyPoll = op.startsWith('PollFor') && !output.taskToken;
  if (!emptyPoll) expect(outputProblems(op, output), `${op} output conforms to the model`).toEqual([]);
  return output;
}

/** Sends a command that must fail with `fault` (one the model allows for the operation); returns the message. */
export async function fails(
  swf: SWFClient,
  command: Sendable,
  fault: string,
  message?: string | RegExp,
): Promise<string> {
  const op = operationName(command);
  expect(allowedFaults(op), `${fault} is a fault ${op} may raise`).toContain(fault);
  try {
    await swf.send(command as never);
  } catch (err) {
    expect(err).toBeInstanceOf(SWFServiceException);
    const e = err as SWFServiceException;
    expect(e.name, e.message).toBe(fault);
    expect(e.$fault).toBe(fault === 'InternalFailure' ? 'server' : 'client');
    if (message !== undefined) expect(e.message).toMatch(message);
    return e.message;
  }
  throw new Error(`${op} succeeded; expected ${fault}`);
}

/**
 * Registers `domain` (one day's retention) and `workflowType` in it with every default a start
 * needs: task list `decide`, an execution timeout of an hour, a decision timeout of 60 s, child
 * policy TERMINATE.
 */
export async function registerFlow(
  swf: SWFClient,
  domain: string,
  workflowType: { name: string; version: string },
): Promise<void> {
  await call(swf, new RegisterDomainCommand({ name: domain, workflowExecutionRetentionPeriodInDays: '1' }));
  await call(
    swf,
    new RegisterWorkflowTypeCommand({
      domain,
      ...workflowType,
      defaultTaskList: { name: 'decide' },
      defaultExecutionStartToCloseTimeout: '3600',
      defaultTaskStartToCloseTimeout: '60',
      defaultChildPolicy: 'TERMINATE',
    }),
  );
}

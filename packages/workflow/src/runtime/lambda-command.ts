/**
 * `scheduleLambda`: the internal command behind `proxyLambdas` and `executeLambda`. One
 * `ScheduleLambdaFunction` decision, settled by the Lambda events SWF records about it.
 */
import {
  ApplicationFailure,
  decodeFailure,
  eventAttributes,
  LambdaFailure,
  timeoutFailure,
  ValidationError,
  type Decision,
  type HistoryEvent,
  type LambdaFailureInfo,
} from '@swf-flow/common';
import { currentStore } from './storage.js';

type Attrs = Record<string, any>;

/**
 * SWF's refusals that another attempt may get past (a rate or a count that goes down); the others
 * (`ID_ALREADY_IN_USE`, `LAMBDA_SERVICE_NOT_AVAILABLE_IN_REGION`, `ASSUME_ROLE_FAILED`: the
 * execution's role cannot change) are non-retryable.
 */
const TRANSIENT_CAUSES = new Set(['LAMBDA_FUNCTION_CREATION_RATE_EXCEEDED', 'OPEN_LAMBDA_FUNCTIONS_LIMIT_EXCEEDED']);

/** What `scheduleLambda` schedules: one `ScheduleLambdaFunction` decision. */
export interface LambdaCommandSpec {
  /** The AWS Lambda function's name or ARN. */
  name: string;
  /** The input (one value, passed through the data converter; it is the function's `event`). */
  input?: unknown;
  /** The Lambda task's id. @default a deterministic id of our scheme (`lambda-1`, ...) */
  id?: string;
  /** Whole seconds from 1 to 900, as SWF's string. @default SWF's default (900) */
  startToCloseTimeout?: string;
  /** Free-form data recorded with the decision (not sent to the function). */
  control?: string;
}

/** The failure of a Lambda task, naming the function and the task. */
export function lambdaFailed(info: LambdaFailureInfo, cause: Error): LambdaFailure {
  return new LambdaFailure(
    `Lambda function ${info.functionName} (${info.lambdaId}) failed: ${cause.message}`,
    info,
    cause,
  );
}

/**
 * Rebuilds a function error as recorded in `LambdaFunctionFailed`: `details` is the error payload
 * Lambda answers (`{"errorType": ..., "errorMessage": ..., "trace"|"stackTrace": [...]}`) and
 * `reason` its `FunctionError` (`Unhandled`) or the invocation's error code
 * (`ResourceNotFoundException`). Anything else is read as `reason`/`details` of any failure.
 */
export function decodeLambdaError(reason: string | undefined, details: string | undefined): ApplicationFailure {
  if (details) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(details);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as Attrs).errorMessage === 'string') {
      const p = parsed as Attrs;
      const type = typeof p.errorType === 'string' && p.errorType !== '' ? p.errorType : reason || 'Error';
      const failure = new ApplicationFailure(String(p.errorMessage), { type });
      const trace: unknown = p.trace ?? p.stackTrace;
      if (Array.isArray(trace) && trace.every((l) => typeof l === 'string')) failure.stack = trace.join('\n');
      return failure;
    }
  }
  return decodeFailure(reason, details);
}

function validate(spec: LambdaCommandSpec): void {
  if (typeof spec !== 'object' || spec === null || typeof spec.name !== 'string' || spec.name === '') {
    throw new ValidationError('scheduleLambda needs { name: "<function name or ARN>" }');
  }
}

/**
 * Schedules an AWS Lambda function (`ScheduleLambdaFunction`; SWF runs it only for an execution
 * started with a `lambdaRole`) and resolves with its decoded result. Rejects with a
 * `LambdaFailure` whose `cause` is an `ApplicationFailure` (the function failed; or SWF refused
 * the decision, `ScheduleLambdaFunctionFailed`, or could not start it, `StartLambdaFunctionFailed`:
 * then `type` is SWF's cause), a `TimeoutFailure` (`LambdaFunctionTimedOut`) or a
 * `CancelledFailure`. SWF has no decision that cancels a Lambda task: cancelling the scope
 * withdraws a command not sent yet, and otherwise rejects at once while the function runs to its
 * end (its outcome is recorded in the history and ignored).
 */
export function scheduleLambda(spec: LambdaCommandSpec): Promise<unknown> {
  const { runtime: rt, scope } = currentStore('scheduleLambda()');
  validate(spec);
  const name = spec.name;
  const info: { functionName: string; lambdaId: string; scheduledEventId?: number } = {
    functionName: name,
    lambdaId: spec.id ?? rt.ids.next('lambda'),
  };
  const at = (e: HistoryEvent): Attrs => eventAttributes<Attrs>(e);
  const what = `Lambda function ${name}`;
  return new Promise<unknown>((resolve, reject) => {
    if (scope.failure) {
      reject(lambdaFailed(info, scope.failure));
      return;
    }
    let done = false;
    const settle = (fn: () => void): void => {
      if (done) return;
      done = true;
      unsubscribe();
      fn();
    };
    const fail = (cause: Error): void => settle(() => reject(lambdaFailed(info, cause)));
    const refused = (e: HistoryEvent, decision: string): ApplicationFailure => {
      const cause = String(at(e).cause ?? 'UNKNOWN');
      const message = at(e).message === undefined ? '' : `: ${String(at(e).message)}`;
      return new ApplicationFailure(`SWF ${decision} ${name}: ${cause}${message}`, {
        type: cause,
        nonRetryable: !TRANSIENT_CAUSES.has(cause),
      });
    };
    const attrs: Attrs = { id: info.lambdaId, name };
    const input = rt.converter.toPayload(spec.input);
    if (input !== undefined) attrs.input = input;
    if (spec.startToCloseTimeout !== undefined) attrs.startToCloseTimeout = spec.startToCloseTimeout;
    if (spec.control !== undefined) attrs.control = spec.control;
    const cmd = rt.issue({
      kind: 'lambda',
      decision: { decisionType: 'ScheduleLambdaFunction', scheduleLambdaFunctionDecisionAttributes: attrs } as Decision,
      key: name,
      label: `ScheduleLambdaFunction ${name} (id ${info.lambdaId})`,
      handlers: {
        recorded: (e) => {
          info.lambdaId = String(at(e).id ?? info.lambdaId);
          info.scheduledEventId = e.eventId;
          rt.ids.use('lambda', info.lambdaId);
        },
        failed: (e) => {
          info.lambdaId = String(at(e).id ?? info.lambdaId);
          fail(refused(e, 'refused ScheduleLambdaFunction'));
        },
        event: (e) => {
          switch (e.eventType) {
            case 'LambdaFunctionCompleted':
              settle(() => resolve(rt.converter.fromPayload(at(e).result as string | undefined)));
              return;
            case 'LambdaFunctionFailed':
              fail(decodeLambdaError(at(e).reason as string | undefined, at(e).details as string | undefined));
              return;
            case 'LambdaFunctionTimedOut':
              fail(timeoutFailure(what, String(at(e).timeoutType ?? 'START_TO_CLOSE')));
              return;
            case 'StartLambdaFunctionFailed':
              fail(refused(e, 'could not start'));
              return;
            default:
              return; // LambdaFunctionStarted: nothing to do
          }
        },
      },
    });
    const unsubscribe = scope.onCancel((failure) => {
      if (done) return;
      if (cmd.state === 'pending') rt.commands.withdraw(cmd);
      fail(failure);
    });
  });
}

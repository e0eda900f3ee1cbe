/**
 * How the local service runs a Lambda task: a {@link LambdaInvoker} takes one invocation (the
 * function, its event, its time limit) and answers what Lambda's `Invoke` would have answered,
 * reduced to what SWF records: the response payload, or a failure's `reason` and `details`.
 */

/** One invocation of a Lambda function for a Lambda task. */
export interface LambdaInvocation {
  /** The function's name or ARN, as the decision named it. */
  functionName: string;
  /** The event as JSON text (`{}` when the decision had no input, as SWF sends). */
  payload: string;
  /** How long the function may run from now (the task's start-to-close timeout left), in ms. */
  timeoutMs: number;
  /** A request id for the function's context and logs. */
  requestId: string;
  /** Aborted when the task timed out or the service is closing: stop the function, answer anything. */
  signal: AbortSignal;
}

/** What an invocation came to. */
export type LambdaOutcome =
  /** The function returned: its response payload (JSON text). */
  | { kind: 'completed'; payload: string }
  /**
   * The function failed (`reason` is Lambda's `FunctionError`, `Unhandled`, and `details` its error
   * payload `{"errorType", "errorMessage", "trace"}`), or the invocation did (`reason` is the
   * error code, e.g. `ResourceNotFoundException`, and `details` its message).
   */
  | { kind: 'failed'; reason: string; details: string };

/** Runs Lambda functions for the service. */
export interface LambdaInvoker {
  /** Runs one invocation; never rejects (a failure is an outcome). */
  invoke(invocation: LambdaInvocation): Promise<LambdaOutcome>;
  /** Stops whatever it runs (called when the service closes). */
  close(): void;
}

/** The outcome Lambda's `Invoke` gives for a function that does not exist. */
export function functionNotFound(functionName: string, hint: string): LambdaOutcome {
  return {
    kind: 'failed',
    reason: 'ResourceNotFoundException',
    details: `Function not found: ${functionName}${hint ? ` (${hint})` : ''}`,
  };
}

/** The invoker of a service configured with no Lambda source: every function is unknown. */
export const noLambdaSource: LambdaInvoker = {
  invoke: (inv) =>
    Promise.resolve(
      functionNotFound(
        inv.functionName,
        'this service runs no Lambda functions: start it with --lambdas DIR or --lambda-endpoint URL, or createServer({ lambdas: { handlers: dir } })',
      ),
    ),
  close: () => undefined,
};

/**
 * The function name inside a name or ARN (`arn:aws:lambda:us-east-1:123456789012:function:resize`
 * or `...:function:resize:live` gives `resize`; a partial `123456789012:function:resize` too).
 */
export function functionBaseName(nameOrArn: string): string {
  const parts = nameOrArn.split(':');
  const at = parts.indexOf('function');
  if (at !== -1 && at + 1 < parts.length) return parts[at + 1] ?? nameOrArn;
  return nameOrArn;
}

/**
 * Turns what a subcommand failed with (an SDK fault, a refused connection, missing credentials)
 * into one message that says what was wrong and what to do about it.
 */

const FAULT_HINTS: Record<string, string> = {
  UnknownResourceFault:
    'check --domain, --workflow-id/--run-id and the type name@version (a worker registers its domain and types when it starts)',
  WorkflowExecutionAlreadyStartedFault:
    'an execution with this workflow id is open: pick another --workflow-id, or wait for it to close',
  TypeDeprecatedFault: 'this workflow type version is deprecated: start a registered version (--type NAME@VERSION)',
  DomainDeprecatedFault: 'this domain is deprecated: use another --domain',
  DefaultUndefinedFault: 'the workflow type was registered without this default: pass it (for example --task-list)',
  OperationNotPermittedFault: 'the credentials in use may not do this (check IAM permissions)',
  LimitExceededFault: 'an SWF limit was reached: wait and retry, or close executions',
};

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT', 'EAI_AGAIN']);

function connectionCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return code;
  if (err instanceof AggregateError)
    for (const inner of err.errors) if (connectionCode(inner)) return connectionCode(inner);
  return undefined;
}

function messageOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.message) return err.message;
  if (err instanceof AggregateError) return err.errors.map(messageOf).join('; ');
  return err.name;
}

/** One line (or a few) for `swf-flow <command>: ...`: what went wrong, then what to do. */
export function explainError(err: unknown): string {
  const message = messageOf(err);
  const name = err instanceof Error ? err.name : '';
  const code = connectionCode(err);
  if (code) {
    return `cannot reach the SWF endpoint (${message}): is the service running? Start one with 'swf-flow server', or check --endpoint / $SWF_FLOW_ENDPOINT / $AWS_ENDPOINT_URL_SWF`;
  }
  if ((err as { code?: unknown } | null)?.code === 'EADDRINUSE') {
    return `${message}: the port is taken (another swf-flow server?); stop that one, or pass --port (0 picks a free port)`;
  }
  if (name === 'CredentialsProviderError') {
    return `no AWS credentials (${message}): set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE for Amazon SWF, or pass --endpoint (or set $SWF_FLOW_ENDPOINT) for a local service`;
  }
  if (/region is missing/i.test(message)) {
    return `no AWS region: pass --region or set AWS_REGION for Amazon SWF, or pass --endpoint (or set $SWF_FLOW_ENDPOINT) for a local service ('swf-flow server' starts one)`;
  }
  const hint = Object.hasOwn(FAULT_HINTS, name) ? FAULT_HINTS[name] : undefined;
  if (hint) return `${name}: ${message}; ${hint}`;
  return message;
}

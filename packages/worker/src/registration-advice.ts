/** What to do when the worker's start-up registration fails, by what it failed with. */
import { REGION_MISSING_ERROR } from '@swf-flow/common';

const LOCAL = 'for the local service set AWS_ENDPOINT_URL_SWF (e.g. http://127.0.0.1:8787) or pass swf: { endpoint }';

/**
 * The advice that ends the error `Worker.create` throws when registering the domain or a type
 * fails: a missing region or missing credentials are fixed in the environment (skipping
 * registration would not help: polling needs them too); a refusal by IAM by allowing the
 * registration actions or registering elsewhere. `undefined` when the error says what to do itself.
 */
export function registrationAdvice(err: unknown): string | undefined {
  const name = err instanceof Error ? err.name : '';
  const message = err instanceof Error ? err.message : String(err);
  // The client's own error already says where a region comes from (`sdk-region-advice.ts`).
  if (name === REGION_MISSING_ERROR) return undefined;
  if (/region is missing/i.test(message))
    return `no AWS region: set AWS_REGION (or a profile's region) or pass swf: { region } for Amazon SWF; ${LOCAL}`;
  if (name === 'CredentialsProviderError')
    return `no AWS credentials: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or run with an instance or task role) for Amazon SWF; ${LOCAL}`;
  if (name === 'OperationNotPermittedFault' || name === 'AccessDeniedException')
    return (
      'the credentials may not register: allow swf:RegisterDomain, swf:RegisterWorkflowType and ' +
      'swf:RegisterActivityType (and swf:DescribeWorkflowType, swf:DescribeActivityType), or register ' +
      'the domain and types elsewhere and pass registerTypes: false'
    );
  return 'pass registerTypes: false to skip registration';
}

/**
 * Lambda functions behind a Lambda-compatible endpoint (AWS SAM's `sam local start-lambda`, an
 * emulator, or Lambda itself), invoked with `@aws-sdk/client-lambda`'s `Invoke`
 * (`RequestResponse`): the response payload completes the task; a `FunctionError` fails it with
 * the error payload as details; an error of the call itself (`ResourceNotFoundException` for an
 * unknown function) fails it with the error's name and message. A task that times out aborts the
 * call.
 */
import { InvokeCommand, LambdaClient, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import { applyLocalDefaults, silentLogger, withoutSdkNodeWarning } from '@swf-flow/common';
import { type LambdaInvocation, type LambdaInvoker, type LambdaOutcome } from './invoker.js';

/** Where a Lambda-compatible endpoint is, and how to reach it (the `lambdas` option `{ endpoint }`). */
export interface EndpointInvokerOptions {
  /** The endpoint's URL, e.g. `http://127.0.0.1:3001` (`sam local start-lambda`'s default). */
  endpoint: string;
  /** Further client configuration (region, credentials); a loopback endpoint needs none. */
  client?: Omit<LambdaClientConfig, 'endpoint'>;
}

/** Invokes each function through the Lambda API at an endpoint. */
export class EndpointInvoker implements LambdaInvoker {
  private readonly client: LambdaClient;

  constructor(options: EndpointInvokerOptions) {
    let url: URL;
    try {
      url = new URL(options.endpoint);
    } catch {
      throw new Error(
        `Lambda endpoint: ${JSON.stringify(options.endpoint)} is not a URL; pass one such as http://127.0.0.1:3001`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`Lambda endpoint: ${options.endpoint} must be an http or https URL`);
    }
    const config = applyLocalDefaults<LambdaClientConfig>(
      { ...options.client, endpoint: options.endpoint },
      silentLogger,
    );
    this.client = withoutSdkNodeWarning(() => new LambdaClient(config));
  }

  async invoke(inv: LambdaInvocation): Promise<LambdaOutcome> {
    try {
      const out = await this.client.send(
        new InvokeCommand({
          FunctionName: inv.functionName,
          InvocationType: 'RequestResponse',
          Payload: new TextEncoder().encode(inv.payload),
        }),
        { abortSignal: inv.signal },
      );
      const payload = out.Payload ? new TextDecoder().decode(out.Payload) : '';
      if (out.FunctionError) return { kind: 'failed', reason: out.FunctionError, details: payload };
      return { kind: 'completed', payload: payload === '' ? 'null' : payload };
    } catch (err) {
      const e = err as { name?: string; message?: string };
      return { kind: 'failed', reason: e.name || 'Error', details: e.message ?? String(err) };
    }
  }

  close(): void {
    this.client.destroy();
  }
}

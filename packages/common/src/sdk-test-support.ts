/**
 * Test support for the SDK pipeline changes: an in-process request handler for an `SWFClient`
 * (the SDK's `requestHandler` option) that records every request the client hands to it — every
 * header, the body — and answers with what the test scripts, so a stock client and swf-flow's can
 * be compared request by request for any endpoint (Amazon SWF's included: nothing goes to the
 * network) and across the SDK's retries.
 */

/** One request as the client handed it to its HTTP handler. */
export interface SeenRequest {
  method: string;
  protocol: string;
  hostname: string;
  port: number | undefined;
  path: string;
  query: unknown;
  headers: Record<string, string>;
  body: string;
}

/** What the handler answers: a status, headers and a body. */
export interface ScriptedAnswer {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

/** The handler, with what it has seen. */
export interface CapturingHandler {
  /** Pass as the client's `requestHandler`. */
  handler: { handle(request: unknown): Promise<{ response: unknown }>; destroy(): void };
  /** The requests received, in order. */
  seen: SeenRequest[];
}

/**
 * A request handler that records each request and answers `answer(i)` to the `i`-th (from 0);
 * an `Error` is thrown as a network failure would be.
 *
 * @example
 * ```ts
 * const capture = capturingHandler(() => ({ statusCode: 200, body: '{}' }));
 * const swf = new SWFClient({ region: 'us-east-1', requestHandler: capture.handler });
 * ```
 */
export function capturingHandler(answer: (i: number) => ScriptedAnswer | Error): CapturingHandler {
  const seen: SeenRequest[] = [];
  const handle = async (request: unknown): Promise<{ response: unknown }> => {
    const r = request as SeenRequest & { body?: unknown };
    seen.push({
      method: r.method,
      protocol: r.protocol,
      hostname: r.hostname,
      port: r.port,
      path: r.path,
      query: r.query,
      headers: { ...r.headers },
      body: typeof r.body === 'string' ? r.body : Buffer.from(r.body as Uint8Array).toString('latin1'),
    });
    const a = answer(seen.length - 1);
    if (a instanceof Error) throw a;
    const body = Buffer.from(a.body ?? '');
    return {
      response: {
        statusCode: a.statusCode,
        reason: undefined,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(body.length), ...a.headers },
        body,
      },
    };
  };
  return { handler: { handle, destroy() {} }, seen };
}

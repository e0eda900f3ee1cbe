/**
 * The SDK's `recursionDetectionMiddleware` as a step of the fused chain (`sdk-fused-chain.ts`):
 * in a Lambda function, the X-Ray trace id as `X-Amzn-Trace-Id`; anywhere, the trace headers a
 * Lambda invocation carries (`traceparent`, `tracestate`, `baggage`) from the Lambda invoke store;
 * trace header names lower-cased. The SDK's middleware awaits the invoke store's instance on every
 * request (`InvokeStore.getInstanceAsync()` of `@aws/lambda-invoke-store`). That instance is the
 * one published as `globalThis.awslambda.InvokeStore` (the package publishes the instance it
 * makes, or uses the one already there), so {@link invokeStore} reads it from there once the SDK's
 * middleware has run, and {@link detectRecursion} reads the same values from it without a promise.
 * Where the package publishes nothing (`AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA`), there is no store
 * to read and the request goes the SDK's way.
 */

/** The parts of the Lambda invoke store read here. */
export interface InvokeStoreLike {
  getXRayTraceId(): unknown;
  getTraceparent?(): unknown;
  getTracestate?(): unknown;
  getBaggage?(): unknown;
}

const X_AMZN_TRACE_ID = 'X-Amzn-Trace-Id';
const LOWER_TRACE_ID = X_AMZN_TRACE_ID.toLowerCase();
const TRACEPARENT = 'traceparent';
const TRACESTATE = 'tracestate';
const BAGGAGE = 'baggage';

/**
 * The Lambda invoke store the SDK's middleware reads, when it is published (see the module's
 * comment); `undefined` when it is not.
 *
 * @example
 * ```ts
 * const store = invokeStore();
 * ```
 */
export function invokeStore(): InvokeStoreLike | undefined {
  const store = (globalThis as { awslambda?: { InvokeStore?: Partial<InvokeStoreLike> } }).awslambda?.InvokeStore;
  return typeof store === 'object' && store !== null && typeof store.getXRayTraceId === 'function'
    ? (store as InvokeStoreLike)
    : undefined;
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * What the SDK's recursion-detection middleware does to a request's headers, with `store` the
 * invoke store it would read.
 *
 * @example
 * ```ts
 * detectRecursion(request.headers, store);
 * ```
 */
export function detectRecursion(headers: Record<string, string>, store: InvokeStoreLike): void {
  // One pass over the names for what the SDK's middleware looks for in two.
  let traceIdHeader: string | undefined;
  let rename = false;
  for (const header of Object.keys(headers ?? {})) {
    const lower = header.toLowerCase();
    if (traceIdHeader === undefined && lower === LOWER_TRACE_ID) traceIdHeader = header;
    if (header !== lower && (lower === TRACEPARENT || lower === TRACESTATE || lower === BAGGAGE)) rename = true;
  }
  if (!Object.prototype.hasOwnProperty.call(headers, traceIdHeader ?? X_AMZN_TRACE_ID)) {
    const functionName = process.env['AWS_LAMBDA_FUNCTION_NAME'];
    // Outside a Lambda function (no name) the trace id is not used: its reads (the environment, the
    // store's getter) change nothing, so they are left out.
    if (nonEmpty(functionName)) {
      const traceId = store.getXRayTraceId() ?? process.env['_X_AMZN_TRACE_ID'];
      if (nonEmpty(traceId)) headers[X_AMZN_TRACE_ID] = traceId;
    }
  }
  if (rename) {
    for (const header of Object.keys(headers)) {
      const lower = header.toLowerCase();
      if (header !== lower && (lower === TRACEPARENT || lower === TRACESTATE || lower === BAGGAGE)) {
        headers[lower] = headers[header] as string;
        delete headers[header];
      }
    }
  }
  if (!headers[TRACEPARENT]) {
    const traceparent = store.getTraceparent?.();
    if (traceparent) {
      headers[TRACEPARENT] = traceparent as string;
      const tracestate = store.getTracestate?.();
      if (tracestate) headers[TRACESTATE] = tracestate as string;
      const baggage = store.getBaggage?.();
      if (baggage) headers[BAGGAGE] = baggage as string;
    }
  }
}

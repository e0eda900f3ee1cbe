/**
 * The SWF JSON 1.0 protocol without a socket: turns a request's `X-Amz-Target` and body into the
 * status, headers and body SWF would answer with. Shared by the HTTP server and the in-process SDK
 * handler, so both speak exactly the same wire format.
 *
 * Authentication: requests signed with SigV4 (as every AWS client signs them) are accepted, and so
 * are unsigned ones; signatures are not verified yet. Any region and credentials work.
 */
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { SwfFault } from '../faults.js';
import { preview } from '../model/validate.js';
import type { OperationContext } from '../operation.js';
import type { SwfService } from '../service.js';

/** The content type of every SWF response. */
export const SWF_CONTENT_TYPE = 'application/x-amz-json-1.0';

/** The `X-Amz-Target` prefix of SWF operations. */
export const TARGET_PREFIX = 'SimpleWorkflowService.';

/**
 * The same service under its full Coral name, as boto 2 (`boto.swf.layer1`) sends it:
 * `com.amazonaws.swf.service.model.SimpleWorkflowService.RegisterDomain`. Amazon SWF accepts both.
 */
export const LONG_TARGET_PREFIX = `com.amazonaws.swf.service.model.${TARGET_PREFIX}`;

/** A request as the protocol sees it. */
export interface WireRequest {
  /** The `X-Amz-Target` header, e.g. `SimpleWorkflowService.RegisterDomain`. */
  target: string | undefined;
  /** The JSON body. */
  body: string | Uint8Array | undefined;
  /** Aborted when the caller is gone (ends a long poll early). */
  signal?: AbortSignal;
  /** The operation's context as the caller made it (a long poll's, whose signal is made only if it waits); instead of `signal`. */
  context?: OperationContext;
}

/** A response as the protocol sends it. */
export interface WireResponse {
  statusCode: number;
  headers: Record<string, string>;
  /** The JSON body, UTF-8. */
  body: string;
}

/**
 * The operation named by an `X-Amz-Target` header: `SimpleWorkflowService.<Op>` (the AWS SDKs, the
 * CLI, boto3) or `com.amazonaws.swf.service.model.SimpleWorkflowService.<Op>` (boto 2).
 */
export function operationOf(target: string | undefined): string {
  if (!target) throw new SwfFault('UnknownOperationException', 'Missing X-Amz-Target header');
  const prefix = [TARGET_PREFIX, LONG_TARGET_PREFIX].find((p) => target.startsWith(p) && target.length > p.length);
  if (!prefix) throw new SwfFault('UnknownOperationException', `Unknown operation target: ${preview(target)}`);
  return target.slice(prefix.length);
}

/** Whether an `X-Amz-Target` names a long poll (PollForDecisionTask, PollForActivityTask), the operations that wait. */
export function isLongPoll(target: string | string[] | undefined): boolean {
  const name = Array.isArray(target) ? target[0] : target;
  return name !== undefined && (name.endsWith('.PollForDecisionTask') || name.endsWith('.PollForActivityTask'));
}

/** What a body that is not UTF-8 text is answered. */
const NOT_UTF8 =
  'Request body is not valid UTF-8: SWF reads a JSON 1.0 body as UTF-8 text. Send the JSON encoded as UTF-8, not in another encoding, and not compressed.';

/**
 * Parses a JSON 1.0 body; an empty body is `{}`. A byte order mark before the JSON is skipped, as
 * RFC 8259 lets a reader do (before, its message, "Unexpected token", showed an invisible character);
 * bytes that are not UTF-8 are refused.
 */
export function parseBody(body: string | Uint8Array | undefined): unknown {
  let read = '';
  if (typeof body === 'string') read = body;
  else if (body) {
    // Read as UTF-8 regardless, a byte that is not would become U+FFFD: the input stored altered,
    // or (compressed, UTF-16) a message about an odd token.
    if (!isUtf8(body)) throw new SwfFault('SerializationException', NOT_UTF8);
    read = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  }
  const text = read.charCodeAt(0) === 0xfeff ? read.slice(1) : read;
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new SwfFault(
      'SerializationException',
      `Request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

function respond(statusCode: number, requestId: string, payload: unknown, errorType?: string): WireResponse {
  const headers: Record<string, string> = { 'content-type': SWF_CONTENT_TYPE, 'x-amzn-requestid': requestId };
  if (errorType) headers['x-amzn-errortype'] = errorType.slice(errorType.indexOf('#') + 1);
  const body = JSON.stringify(payload);
  headers['content-length'] = String(Buffer.byteLength(body));
  return { statusCode, headers, body };
}

/** Answers a fault the way SWF does (HTTP 400, or 500 for internal failures). */
export function faultResponse(fault: SwfFault, requestId: string = randomUUID()): WireResponse {
  return respond(fault.httpStatus, requestId, fault.toWire(), fault.wireType);
}

/** Runs one SWF request through the service and answers it in wire form. Never throws. */
export async function dispatch(service: SwfService, request: WireRequest): Promise<WireResponse> {
  const requestId = randomUUID();
  try {
    const operation = operationOf(request.target);
    const input = parseBody(request.body);
    // The answer is serialized while the flush it waits for (durability full) is under way.
    const context = request.context ?? (request.signal ? { signal: request.signal } : {});
    return await service.handleAndRender(operation, input, context, (output) => respond(200, requestId, output));
  } catch (err) {
    const fault =
      err instanceof SwfFault ? err : new SwfFault('InternalFailure', err instanceof Error ? err.message : String(err));
    return faultResponse(fault, requestId);
  }
}

/**
 * One SWF request over real HTTP, and the invariants every answer must keep: never a 5xx; every
 * refusal a 400 (413 for an oversized body) carrying a JSON SWF fault with a message, of a type the
 * operation may raise, and short; every success a JSON object.
 */
import { Agent, request } from 'node:http';
import { allowedFaults } from '../support/model-check.js';
import type { WireCall } from './mutations.js';

/**
 * Faults the service raises beyond the model's list for an operation, each on purpose: new work in a
 * deprecated domain (a type registered, a run started) is refused with DomainDeprecatedFault, which
 * the model declares only for DeprecateDomain (see registry/types.ts and engine/execution-ops.ts).
 */
export const OFF_MODEL_FAULTS: Readonly<Record<string, readonly string[]>> = {
  RegisterWorkflowType: ['DomainDeprecatedFault'],
  RegisterActivityType: ['DomainDeprecatedFault'],
  StartWorkflowExecution: ['DomainDeprecatedFault'],
};

/**
 * Longest fault answer accepted: a message never echoes a large value whole. The most a message
 * may rightly hold: 10 violations (validation stops there), each a value quoted up to 256 UTF-16
 * units (at most 768 bytes of UTF-8), its path (under 100 bytes) and its constraint (at most about
 * 450 bytes: the decision types' enum set, which Coral repeats in each violation), so under 14 KB.
 * (4,096 was below that: ten decisions of an unknown type made 4,568 bytes, seed 1203.)
 */
export const MAX_FAULT_BYTES = 16 * 1024;

/** An answer, parsed. */
export interface WireAnswer {
  status: number;
  /** The fault's short name (`ValidationException`, `UnknownResourceFault`, ...), if refused. */
  fault?: string;
  /** The parsed JSON of a 200. */
  output?: Record<string, unknown>;
  /** What broke an invariant, if anything. */
  problem?: string;
}

function targetIsValid(target: string | undefined, operation: string): boolean {
  return (
    target === `SimpleWorkflowService.${operation}` ||
    target === `com.amazonaws.swf.service.model.SimpleWorkflowService.${operation}`
  );
}

/** The invariant a refusal of `call` breaks, or undefined. */
function faultProblem(
  call: WireCall,
  status: number,
  contentType: string | null,
  text: string,
): { fault?: string; problem?: string } {
  if (status !== 400 && status !== 413) return { problem: `status ${status}` };
  if (contentType !== 'application/x-amz-json-1.0')
    return { problem: `fault with content-type ${String(contentType)}` };
  if (text.length > MAX_FAULT_BYTES) return { problem: `fault of ${text.length} bytes (more than ${MAX_FAULT_BYTES})` };
  let body: { __type?: unknown; message?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return { problem: `fault body is not JSON: ${text.slice(0, 200)}` };
  }
  if (typeof body.__type !== 'string' || !body.__type.includes('#'))
    return { problem: `fault without a __type: ${text.slice(0, 200)}` };
  const fault = body.__type.slice(body.__type.indexOf('#') + 1);
  if (typeof body.message !== 'string' || body.message.trim() === '')
    return { fault, problem: `${fault} without a message` };
  // A mangled target names no operation: the body may still be refused first for not being JSON.
  const allowed = targetIsValid(call.target, call.operation)
    ? [...allowedFaults(call.operation), ...(OFF_MODEL_FAULTS[call.operation] ?? [])]
    : ['UnknownOperationException', 'SerializationException'];
  if (!allowed.includes(fault))
    return {
      fault,
      problem: `${fault} is not a fault ${call.operation} may raise (${allowed.join(', ')}): ${body.message.slice(0, 200)}`,
    };
  return { fault };
}

/** Keep-alive connections for the fuzzer's requests (node:http: far less overhead per request than fetch). */
const agent = new Agent({ keepAlive: true, maxSockets: 32 });

/** Closes the idle keep-alive connections (at the end of a session). */
export function closeConnections(): void {
  agent.destroy();
}

function post(url: string, call: WireCall): Promise<{ status: number; contentType: string | null; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.0' };
    if (call.target !== undefined) headers['x-amz-target'] = call.target;
    const req = request(`${url}/`, { method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'] ?? null,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(call.body);
  });
}

/** Sends `call` to `url` and checks the answer. */
export async function send(url: string, call: WireCall): Promise<WireAnswer> {
  let answer: { status: number; contentType: string | null; text: string };
  try {
    answer = await post(url, call);
  } catch (err) {
    return { status: 0, problem: `request failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  const { status, contentType, text } = answer;
  if (status === 200) {
    try {
      const output = JSON.parse(text) as unknown;
      if (output && typeof output === 'object' && !Array.isArray(output))
        return { status: 200, output: output as Record<string, unknown> };
    } catch {
      // falls through
    }
    return { status: 200, problem: `200 whose body is not a JSON object: ${text.slice(0, 200)}` };
  }
  return { status, ...faultProblem(call, status, contentType, text) };
}

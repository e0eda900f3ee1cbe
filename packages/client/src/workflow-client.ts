/** `WorkflowClient`: starts workflows and gives handles to signal, cancel, terminate, describe and await them. */
import { StartWorkflowExecutionCommand, SWFClient, type WorkflowExecutionInfo } from '@aws-sdk/client-swf';
import {
  ValidationError,
  checkSwfId,
  checkSwfName,
  jsonDataConverter,
  resolveSwfClient,
  type DataConverter,
  type SwfClientLike,
  shownValue,
} from '@swf-flow/common';
import type { ListFilter } from './list-filter.js';
import { listExecutions } from './list.js';
import { listWorkflowTypes, type RegisteredWorkflowType } from './workflow-types.js';
import { buildStartRequest, type StartOptions } from './start-options.js';
import { WorkflowHandle } from './workflow-handle.js';
import { resolveWorkflowType, type WorkflowRef, type WorkflowTypeRef } from './workflow-ref.js';

/** Options of {@link WorkflowClient}. */
export interface WorkflowClientOptions {
  /** The `SWFClient` to use, or its configuration. @default the standard AWS chain (`AWS_REGION`, credentials, `AWS_ENDPOINT_URL_SWF`) */
  swf?: SwfClientLike;
  /** The SWF domain. */
  domain: string;
  /** Converts arguments, results, signals and state. @default jsonDataConverter */
  dataConverter?: DataConverter;
}

type AnyFunction = (...args: any[]) => any;
type ArgsOf<W> = W extends AnyFunction ? Parameters<W> : unknown[];
type ResultOf<W> = W extends AnyFunction ? Awaited<ReturnType<W>> : unknown;

/**
 * Starts, finds and lists workflow executions of one domain.
 *
 * @example
 * ```ts
 * const client = new WorkflowClient({ domain: 'orders' });
 * const handle = await client.start(orderWorkflow, { workflowId: 'order-42', args: [order] });
 * console.log(await handle.result());
 * ```
 */
export class WorkflowClient {
  /** The SWF client requests go through. */
  readonly swf: SWFClient;
  /** The domain. */
  readonly domain: string;
  /** The data converter. */
  readonly dataConverter: DataConverter;

  /** @throws ValidationError for a missing or malformed domain. */
  constructor(options: WorkflowClientOptions) {
    if (typeof options !== 'object' || options === null)
      throw new ValidationError('WorkflowClient needs options with at least a domain');
    const unknown = Object.keys(options).filter((k) => !['swf', 'domain', 'dataConverter'].includes(k));
    if (unknown.length > 0)
      throw new ValidationError(
        `unknown WorkflowClient option(s): ${unknown.join(', ')}; known options are swf, domain, dataConverter`,
      );
    this.domain = checkSwfName(options.domain, 'domain');
    this.swf = resolveSwfClient(SWFClient, options.swf);
    this.dataConverter = options.dataConverter ?? jsonDataConverter;
    if (typeof this.dataConverter.toPayload !== 'function' || typeof this.dataConverter.fromPayload !== 'function') {
      throw new ValidationError('dataConverter must have toPayload(value) and fromPayload(payload) methods');
    }
  }

  /**
   * Starts an execution of `workflow` (a workflow function, `{ name, version }` or a type name).
   * @throws ValidationError for wrong options; the SDK's `WorkflowExecutionAlreadyStartedFault`
   *   when an execution with this workflow id is open, `UnknownResourceFault` for an unregistered
   *   type or domain.
   */
  async start<W extends WorkflowRef>(
    workflow: W,
    options: StartOptions<ArgsOf<W>>,
  ): Promise<WorkflowHandle<ResultOf<W>>> {
    const type: WorkflowTypeRef = resolveWorkflowType(workflow);
    const request = buildStartRequest(this.domain, type, options as StartOptions, this.dataConverter);
    const out = await this.swf.send(new StartWorkflowExecutionCommand(request));
    if (!out.runId) throw new ValidationError(`StartWorkflowExecution returned no runId for ${request.workflowId}`);
    return new WorkflowHandle<ResultOf<W>>(this, request.workflowId ?? options.workflowId, out.runId);
  }

  /** A handle on an execution; without `runId`, on the open run of `workflowId` (else its latest). */
  getHandle<R = unknown>(workflowId: string, runId?: string): WorkflowHandle<R> {
    checkSwfId(workflowId, 'workflowId');
    if (runId !== undefined && (typeof runId !== 'string' || runId.length === 0 || runId.length > 64)) {
      // run ids are SWF-issued base64 (they may contain '/'): only their length is checked
      throw new ValidationError(`runId must be a run id from SWF (1 to 64 characters); got ${shownValue(runId)}`);
    }
    return new WorkflowHandle<R>(this, workflowId, runId);
  }

  /**
   * Lists executions (open by default) as an async iterable, fetching pages as it goes.
   * @example
   * ```ts
   * for await (const info of client.list({ status: 'CLOSED', closeStatus: 'FAILED' })) console.log(info.execution?.workflowId);
   * ```
   */
  list(filter: ListFilter = {}): AsyncIterable<WorkflowExecutionInfo> {
    return listExecutions(this.swf, this.domain, filter);
  }

  /**
   * Lists the workflow types registered (not deprecated) in the domain, by name then version, as an
   * async iterable, fetching pages as it goes.
   * @example
   * ```ts
   * for await (const type of client.workflowTypes()) console.log(`${type.name}@${type.version}`);
   * ```
   */
  workflowTypes(): AsyncIterable<RegisteredWorkflowType> {
    return listWorkflowTypes(this.swf, this.domain);
  }
}

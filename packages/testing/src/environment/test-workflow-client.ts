/**
 * The environment's workflow client: a `WorkflowClient` whose handles skip time while their
 * `result()` is awaited.
 */
import {
  WorkflowClient,
  WorkflowHandle,
  type ResultOptions,
  type StartOptions,
  type WorkflowClientOptions,
  type WorkflowRef,
} from '@swf-flow/client';
import type { TimeSkipper } from './time-skipper.js';

type AnyFunction = (...args: any[]) => any;
type ArgsOf<W> = W extends AnyFunction ? Parameters<W> : unknown[];
type ResultOf<W> = W extends AnyFunction ? Awaited<ReturnType<W>> : unknown;

/** Real time between two checks of the history in `result()` (the client's default is 1 s). */
const RESULT_POLL_INTERVAL = '20ms';

/**
 * A handle from the test environment's client: `result()` skips time (when the environment does)
 * until the execution closes.
 */
export class TestWorkflowHandle<R = unknown> extends WorkflowHandle<R> {
  constructor(
    client: WorkflowClient,
    private readonly skipper: TimeSkipper | undefined,
    workflowId: string,
    runId?: string,
  ) {
    super(client, workflowId, runId);
  }

  /**
   * Waits for the execution to close, as `WorkflowHandle.result()` does; with time skipping on,
   * moves the service's clock to the next timer or timeout whenever the workers have nothing to do.
   * Send signals before awaiting it: time may be skipped past them otherwise.
   */
  override result(options: ResultOptions = {}): Promise<R> {
    const wait = (): Promise<R> => super.result({ maxPollInterval: RESULT_POLL_INTERVAL, ...options });
    return this.skipper ? this.skipper.whileAwaiting(wait) : wait();
  }
}

/** A `WorkflowClient` whose handles are {@link TestWorkflowHandle}s. */
export class TestWorkflowClient extends WorkflowClient {
  constructor(
    options: WorkflowClientOptions,
    private readonly skipper: TimeSkipper | undefined,
  ) {
    super(options);
  }

  /** Starts an execution, as `WorkflowClient.start` does; the handle skips time in `result()`. */
  override async start<W extends WorkflowRef>(
    workflow: W,
    options: StartOptions<ArgsOf<W>>,
  ): Promise<TestWorkflowHandle<ResultOf<W>>> {
    const handle = await super.start(workflow, options);
    return new TestWorkflowHandle<ResultOf<W>>(this, this.skipper, handle.workflowId, handle.runId);
  }

  /** A handle on an execution, as `WorkflowClient.getHandle` gives; it skips time in `result()`. */
  override getHandle<R = unknown>(workflowId: string, runId?: string): TestWorkflowHandle<R> {
    const handle = super.getHandle<R>(workflowId, runId);
    return new TestWorkflowHandle<R>(this, this.skipper, handle.workflowId, handle.runId);
  }
}

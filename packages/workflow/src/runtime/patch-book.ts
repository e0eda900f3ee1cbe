/** What one run knows about `patched(id)`: the patches the history recorded per task, and those the code took. */
import type { Command } from './command.js';

/** Patch markers recorded by the history and patch commands issued by the code. */
export class PatchBook {
  /** Patch ids recorded by the decision task completed for a DecisionTaskStarted id. */
  private readonly byActivation = new Map<number, Set<string>>();
  /** DecisionTaskStarted ids of the tasks whose completion had a decision refused (see {@link refusedIn}). */
  private readonly refusals = new Set<number>();
  private readonly sent = new Set<string>();
  private readonly commands = new Map<string, Command>();

  /** The history recorded patch `id` for the decision task started at `activation` (a look-ahead). */
  recordedIn(activation: number, id: string): void {
    let set = this.byActivation.get(activation);
    if (!set) this.byActivation.set(activation, (set = new Set()));
    set.add(id);
  }

  /**
   * SWF refused a decision of the decision task started at `activation` other than a close (a
   * look-ahead): a refused patch marker (`RecordMarkerFailed` names no patch id), or a refusal
   * after which SWF may not have applied the task's later decisions (they are sent again with the
   * next task) — either way the task's patch markers are not all recorded with it.
   */
  refusedIn(activation: number): void {
    this.refusals.add(activation);
  }

  /**
   * Whether the decision task started at `activation` took patch `id`: it recorded the patch's
   * marker, or SWF refused one of its decisions (then what it recorded does not tell; the decider
   * that made that task took every patch it asked for).
   */
  tookPatch(activation: number, id: string): boolean {
    return (this.byActivation.get(activation)?.has(id) ?? false) || this.refusals.has(activation);
  }

  /** Whether the code already took patch `id` in this run. */
  taken(id: string): boolean {
    return this.sent.has(id);
  }

  /** The code took patch `id` and issued `cmd` for its marker. */
  take(id: string, cmd: Command): void {
    this.sent.add(id);
    this.commands.set(id, cmd);
  }

  /** The command issued for patch `id`, if the code took it. */
  commandOf(id: string): Command | undefined {
    return this.commands.get(id);
  }
}

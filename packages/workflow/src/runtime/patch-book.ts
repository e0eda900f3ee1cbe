/** What one run knows about `patched(id)`: the patches the history recorded per task, and those the code took. */
import type { Command } from './command.js';

/** Patch markers recorded by the history and patch commands issued by the code. */
export class PatchBook {
  /** Patch ids recorded by the decision task completed for a DecisionTaskStarted id. */
  private readonly byActivation = new Map<number, Set<string>>();
  private readonly sent = new Set<string>();
  private readonly commands = new Map<string, Command>();

  /** The history recorded patch `id` for the decision task started at `activation` (a look-ahead). */
  recordedIn(activation: number, id: string): void {
    let set = this.byActivation.get(activation);
    if (!set) this.byActivation.set(activation, (set = new Set()));
    set.add(id);
  }

  /** Whether the decision task started at `activation` recorded patch `id`. */
  wasRecordedIn(activation: number, id: string): boolean {
    return this.byActivation.get(activation)?.has(id) ?? false;
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

/** The deterministic ids swf-flow chooses for commands (`activity-3`, `timer-1`, ...). */

/** Per-prefix counters, skipping ids the history already used. */
export class IdScheme {
  private readonly counters = new Map<string, number>();
  private readonly used = new Set<string>();

  /** The next id of our scheme for `prefix` (`activity-3`), skipping ids the history already used. */
  next(prefix: string): string {
    let n = this.counters.get(prefix) ?? 0;
    let id: string;
    do {
      n++;
      id = `${prefix}-${n}`;
    } while (this.used.has(`${prefix}|${id}`));
    this.counters.set(prefix, n);
    return id;
  }

  /** Notes an id recorded by the history so that our scheme does not reuse it. */
  use(prefix: string, id: string | undefined): void {
    if (id) this.used.add(`${prefix}|${id}`);
  }
}

/** The deterministic ids swf-flow chooses for commands (`activity-3`, `timer-1`, ...). */

/** Per-prefix counters, skipping ids the history already used. */
export class IdScheme {
  private readonly counters = new Map<string, number>();
  /** Per prefix, the recorded ids that our scheme may still produce (`${prefix}-${n}` past the counter). */
  private readonly used = new Map<string, Set<string>>();

  /** The next id of our scheme for `prefix` (`activity-3`), skipping ids the history already used. */
  next(prefix: string): string {
    let n = (this.counters.get(prefix) ?? 0) + 1;
    const used = this.used.get(prefix);
    if (used) while (used.has(`${prefix}-${n}`)) n++;
    this.counters.set(prefix, n);
    return `${prefix}-${n}`;
  }

  /**
   * Notes an id recorded by the history so that our scheme does not reuse it. Only an id `next`
   * could still produce is kept: one of the form `${prefix}-${n}` with `n` past the counter (the
   * counter only grows, so the ids of a replayed history, which our scheme gave in order, are not).
   */
  use(prefix: string, id: string | undefined): void {
    if (!id || !id.startsWith(prefix) || id.charCodeAt(prefix.length) !== 45 /* '-' */) return;
    if (Number(id.slice(prefix.length + 1)) <= (this.counters.get(prefix) ?? 0)) return;
    let used = this.used.get(prefix);
    if (!used) this.used.set(prefix, (used = new Set()));
    used.add(id);
  }
}

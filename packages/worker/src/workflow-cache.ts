/** The workflow cache: live replayers of recent runs, so that the next decision task applies only its new events. */
import type { Replayer } from '@swf-flow/common';

/** Hit and miss counts of the workflow cache. */
export interface WorkflowCacheStats {
  /** Runs live in memory now. */
  size: number;
  /** The most runs kept. */
  capacity: number;
  /** Decision tasks continued from a cached run with only the new events. */
  hits: number;
  /** Decision tasks replayed from the first event. */
  misses: number;
  /** Runs dropped to make room for others. */
  evictions: number;
}

/**
 * Live workflow runs kept in memory, least recently used first out (DESIGN.md, "the workflow
 * cache"). A run is taken out while a decision task works on it and put back after, so two tasks
 * never share an executor.
 */
export class WorkflowCache {
  private readonly runs = new Map<string, Replayer>();
  private hitCount = 0;
  private missCount = 0;
  private evictionCount = 0;

  constructor(readonly capacity: number) {}

  /** Removes and returns the run's executor, if cached. */
  take(runId: string): Replayer | undefined {
    const executor = this.runs.get(runId);
    if (executor) this.runs.delete(runId);
    return executor;
  }

  /** Keeps the run's executor as the most recently used, evicting (and disposing) the oldest if full. */
  put(runId: string, executor: Replayer): void {
    if (this.capacity <= 0) {
      executor.dispose();
      return;
    }
    const previous = this.runs.get(runId);
    if (previous && previous !== executor) previous.dispose();
    this.runs.delete(runId);
    this.runs.set(runId, executor);
    while (this.runs.size > this.capacity) {
      const [oldestId, oldest] = this.runs.entries().next().value as [string, Replayer];
      this.runs.delete(oldestId);
      oldest.dispose();
      this.evictionCount += 1;
    }
  }

  /** Counts a decision task served from the cache. */
  recordHit(): void {
    this.hitCount += 1;
  }

  /** Counts a decision task replayed in full. */
  recordMiss(): void {
    this.missCount += 1;
  }

  /** Disposes every cached run. */
  clear(): void {
    for (const executor of this.runs.values()) executor.dispose();
    this.runs.clear();
  }

  /** Current size and counters. */
  stats(): WorkflowCacheStats {
    return {
      size: this.runs.size,
      capacity: this.capacity,
      hits: this.hitCount,
      misses: this.missCount,
      evictions: this.evictionCount,
    };
  }
}

/**
 * Where the group commit's flushes run: in the thread pool until one there finds the event loop
 * idle for most of it, then on the loop while few answers wait for each, with a look from the pool
 * every PROBE_EVERY flushes; and whether such a flush begins at the commit on the flush thread
 * (turns with one commit and work after it) or at the end of the turn.
 */
import { describe, expect, it } from 'vitest';
import {
  EARLY_START_MIN_GAP_MS,
  FlushPlacement,
  MAX_COMMITS_FOR_EARLY_START,
  MAX_WAITING_ON_LOOP,
  PROBE_EVERY,
} from './flush-placement.js';

const places = (p: FlushPlacement, n: number, waiting = 2): string[] =>
  Array.from({ length: n }, () => p.place(waiting));

describe('flush placement', () => {
  it('starts in the thread pool and stays there while the loop was busy during its flushes', () => {
    const p = new FlushPlacement();
    expect(p.mayUseLoop()).toBe(false);
    expect(p.place(1)).toBe('pool');
    p.observed(1, 0.4); // the loop worked for 60 % of the flush
    expect(p.mayUseLoop()).toBe(false);
    expect(p.place(1)).toBe('pool');
  });

  it('after a pooled flush that found the loop idle, runs the next ones on the loop, then looks again', () => {
    const p = new FlushPlacement();
    p.observed(1, 0.9);
    expect(places(p, PROBE_EVERY - 1)).toEqual(Array(PROBE_EVERY - 1).fill('loop'));
    expect(p.mayUseLoop()).toBe(false);
    expect(p.place(2)).toBe('pool');
    p.observed(2, 0.2); // busy now: back to the pool
    expect(p.mayUseLoop()).toBe(false);
  });

  it('sends a flush that more answers wait for to the pool, and measures again from there', () => {
    const p = new FlushPlacement();
    p.observed(1, 1);
    expect(p.place(MAX_WAITING_ON_LOOP)).toBe('loop');
    expect(p.place(MAX_WAITING_ON_LOOP + 1)).toBe('pool');
    expect(p.mayUseLoop()).toBe(false);
  });

  it('a pooled flush that took no measurable time tells nothing: the next stays in the pool', () => {
    const p = new FlushPlacement();
    p.observed(0, 0);
    expect(p.mayUseLoop()).toBe(false);
  });

  it('begins a flush at the commit only while turns keep the loop busy after their commit for long enough', () => {
    const p = new FlushPlacement();
    expect(p.beginsAtCommit()).toBe(false); // nothing measured: the loop flushes at the end of the turn
    for (let i = 0; i < 40; i++) p.turnEnded(EARLY_START_MIN_GAP_MS * 3, 1); // a Worker in the same process
    expect(p.beginsAtCommit()).toBe(true);
    p.turnEnded(0, 1); // one short turn moves the average, not the decision
    expect(p.beginsAtCommit()).toBe(true);
    for (let i = 0; i < 40; i++) p.turnEnded(EARLY_START_MIN_GAP_MS / 10, 1); // the service alone
    expect(p.beginsAtCommit()).toBe(false);
    expect(p.beginsAtCommit(0)).toBe(true);
  });

  it('begins a flush at the commit only after a turn with a single commit: with more, the turn shares one flush at its end', () => {
    const p = new FlushPlacement();
    for (let i = 0; i < 40; i++) p.turnEnded(EARLY_START_MIN_GAP_MS * 3, 1);
    expect(p.beginsAtCommit()).toBe(true);
    p.turnEnded(EARLY_START_MIN_GAP_MS * 3, MAX_COMMITS_FOR_EARLY_START + 1); // concurrent requests
    expect(p.beginsAtCommit()).toBe(false);
    expect(p.beginsAtCommit(0)).toBe(false);
    p.turnEnded(EARLY_START_MIN_GAP_MS * 3, 1); // one at a time again
    expect(p.beginsAtCommit()).toBe(true);
  });
});

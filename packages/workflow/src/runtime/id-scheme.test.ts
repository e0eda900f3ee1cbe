import { describe, expect, it } from 'vitest';
import { IdScheme } from './id-scheme.js';

describe('IdScheme', () => {
  it('counts per prefix', () => {
    const ids = new IdScheme();
    expect([ids.next('activity'), ids.next('activity'), ids.next('timer')]).toEqual([
      'activity-1',
      'activity-2',
      'timer-1',
    ]);
  });

  it('skips ids the history recorded ahead of the counter, whatever the order they arrive in', () => {
    const ids = new IdScheme();
    ids.use('activity', 'activity-3');
    ids.use('activity', 'activity-2');
    ids.use('timer', 'activity-4'); // another prefix's id does not count
    expect([ids.next('activity'), ids.next('activity'), ids.next('activity')]).toEqual([
      'activity-1',
      'activity-4',
      'activity-5',
    ]);
  });

  it('ignores recorded ids it could never produce again or at all', () => {
    const ids = new IdScheme();
    ids.next('activity');
    ids.next('activity');
    for (const id of ['activity-1', 'activity-2', 'charge-7', 'activity-3#2', 'activity-', '', undefined])
      ids.use('activity', id);
    expect(ids.next('activity')).toBe('activity-3');
  });

  it("a child's prefix (the workflowId) is matched whole", () => {
    const ids = new IdScheme();
    ids.use('wf-1-child', 'wf-1-child-1');
    ids.use('wf-1-child', 'wf-10-child-2');
    expect([ids.next('wf-1-child'), ids.next('wf-1-child')]).toEqual(['wf-1-child-2', 'wf-1-child-3']);
  });
});

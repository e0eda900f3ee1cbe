import { describe, expect, it } from 'vitest';
import type { RunPicture } from './spans.js';
import { timeline } from './timeline.js';

const svg = (picture: RunPicture): string => String(timeline(picture, { end: 10 }));

describe('timeline', () => {
  it('draws a lane per Lambda task and per request to another run, each with its kind and outcome', () => {
    const out = svg({
      spans: [
        { kind: 'lambda', eventId: 2, label: 'lambda resize (l1)', scheduled: 1, started: 2, closed: 3, outcome: 'ok' },
        { kind: 'external-signal', eventId: 3, label: 'signal go → other', scheduled: 1, started: 1, outcome: 'open' },
        {
          kind: 'external-cancel',
          eventId: 4,
          label: 'cancel → gone',
          scheduled: 1,
          started: 1,
          closed: 5,
          outcome: 'bad',
        },
      ],
      ticks: [],
    });
    expect(
      [...out.matchAll(/<g class="lane" data-kind="([^"]+)" data-label="([^"]+)"/g)].map((m) => [m[1], m[2]]),
    ).toEqual([
      ['lambda', 'lambda resize (l1)'],
      ['external-signal', 'signal go → other'],
      ['external-cancel', 'cancel → gone'],
    ]);
    expect([...out.matchAll(/<rect class="run-(\w+)"/g)].map((m) => m[1])).toEqual(['ok', 'open', 'bad']);
  });

  it('draws a refused decision as a tick of its own colour and names it on the tick lane and in the legend', () => {
    const picture: RunPicture = {
      spans: [],
      ticks: [
        { kind: 'signal', eventId: 5, at: 1, label: 'signal go' },
        { kind: 'decision-failed', eventId: 6, at: 9, label: 'StartTimerFailed (t1): TIMER_ID_ALREADY_IN_USE' },
      ],
    };
    const out = svg(picture);
    expect(out).toContain('signals, markers, refused decisions (2)');
    expect(out).toMatch(
      /data-kind="decision-failed" data-tip="StartTimerFailed \(t1\): TIMER_ID_ALREADY_IN_USE[^"]*"><title>[^<]*<\/title><line class="tick tick-refused"/,
    );
    expect(out).toMatch(/data-kind="signal"[^>]*><title>[^<]*<\/title><line class="tick"/);
    expect(out).toContain('<i class="l-refused"></i>decision refused');
    expect(svg({ spans: [], ticks: [picture.ticks[0]!] })).toContain('signals, markers (1)');
  });
});

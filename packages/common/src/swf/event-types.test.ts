import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPLAY_READ_MEMBERS, SWF_EVENT_TYPES } from './event-types.js';

interface Shape {
  enum?: string[];
  required?: string[];
  members?: Record<string, { shape: string }>;
}

/** The API model the local service uses (botocore's SWF model, 2012-01-25). */
const shapes = (
  JSON.parse(readFileSync(new URL('../../../server/model/service-2.json', import.meta.url), 'utf8')) as {
    shapes: Record<string, Shape>;
  }
).shapes;

describe('SWF event types and what a replay reads of them, against the API model', () => {
  it('the 54 event types are the model’s EventType enum', () => {
    expect([...SWF_EVENT_TYPES].sort()).toEqual([...(shapes.EventType?.enum ?? [])].sort());
  });

  it.each(SWF_EVENT_TYPES)('%s: every member a replay reads is one the model marks required', (type) => {
    const key = `${type.charAt(0).toLowerCase()}${type.slice(1)}EventAttributes`;
    const attributes = shapes[shapes.HistoryEvent?.members?.[key]?.shape ?? ''];
    expect(attributes).toBeDefined();
    for (const member of REPLAY_READ_MEMBERS.get(type) ?? []) expect(attributes?.required).toContain(member);
  });
});

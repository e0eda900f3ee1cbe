/**
 * History events carried as their JSON text from the store to the wire. A history page (a
 * `PollForDecisionTask` answer, `GetWorkflowExecutionHistory`) holds events whose attributes are
 * stored as JSON text; parsing each to an object only for the answer to serialize it again costs
 * a step's decision poll more than its SQL does. So the engine builds each event's wire JSON from
 * the stored text ({@link eventWireText}) and attaches the texts to the output
 * ({@link withEventTexts}); {@link toWireJson} splices them into the body. The output's `events`
 * member is still there for callers of `SwfService.handle` (the web UI, tests, embedding code): it
 * parses the texts the first time it is read, and from then on the output serializes as a plain
 * object. The body is byte for byte what `JSON.stringify` of the parsed output gives (the stored
 * text is itself `JSON.stringify` output, and parsing and serializing it again gives it back).
 */

/** Where an output keeps its events' texts while nobody has read `events`. */
const EVENT_TEXTS = Symbol('swf-flow.eventTexts');

interface WithTexts {
  [EVENT_TEXTS]?: string[];
}

/**
 * One event's wire JSON: `{"eventId":…,"eventTimestamp":…,"eventType":…,"<type>EventAttributes":…}`,
 * the members in the order the parsed event object has them, with `attrs` (stored JSON text) as is.
 */
export function eventWireText(
  eventId: number,
  eventTimestamp: number,
  eventType: string,
  attributesKey: string,
  attrs: string,
): string {
  return (
    `{"eventId":${JSON.stringify(eventId)},"eventTimestamp":${JSON.stringify(eventTimestamp)},` +
    `"eventType":${JSON.stringify(eventType)},${JSON.stringify(attributesKey)}:${attrs}}`
  );
}

/**
 * Adds an `events` member to `target` (as its next member, so member order is what assigning it
 * would give) backed by `texts`: reading it parses them once and replaces it with the array.
 */
export function withEventTexts<T extends object>(target: T, texts: string[]): T & { events: unknown[] } {
  const holder = target as T & WithTexts;
  Object.defineProperty(holder, EVENT_TEXTS, { value: texts, configurable: true, writable: true });
  Object.defineProperty(holder, 'events', {
    enumerable: true,
    configurable: true,
    get(): unknown[] {
      const events = texts.map((text) => JSON.parse(text) as unknown);
      // From now on the array is the truth (its reader may change it): serialize it as it is.
      Object.defineProperty(holder, 'events', { value: events, enumerable: true, configurable: true, writable: true });
      holder[EVENT_TEXTS] = undefined;
      return events;
    },
    set(value: unknown): void {
      Object.defineProperty(holder, 'events', { value, enumerable: true, configurable: true, writable: true });
      holder[EVENT_TEXTS] = undefined;
    },
  });
  return holder as T & { events: unknown[] };
}

/**
 * `JSON.stringify(payload)`, with the event texts of an output made by {@link withEventTexts}
 * spliced in as they are instead of parsed and serialized again.
 */
export function toWireJson(payload: unknown): string {
  const texts = typeof payload === 'object' && payload !== null ? (payload as WithTexts)[EVENT_TEXTS] : undefined;
  if (texts === undefined) return JSON.stringify(payload);
  const record = payload as Record<string, unknown>;
  let body = '';
  for (const key of Object.keys(record)) {
    const value = key === 'events' ? `[${texts.join(',')}]` : (JSON.stringify(record[key]) as string | undefined);
    if (value === undefined) continue; // JSON.stringify leaves out undefined members
    body += `${body === '' ? '' : ','}${JSON.stringify(key)}:${value}`;
  }
  return `{${body}}`;
}

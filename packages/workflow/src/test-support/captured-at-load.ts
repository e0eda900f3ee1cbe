// A library that captures Date, Date.now, Math.random and performance.now when it is loaded (as
// date and id libraries do), imported by a workflow module after @swf-flow/workflow.
const CapturedDate = Date;
const capturedNow = Date.now;
const capturedRandom = Math.random;

/** What the captured functions give now. */
export function capturedValues(): [number, number, number] {
  return [new CapturedDate().getTime(), capturedNow(), capturedRandom()];
}

// A library that subclasses Date and Intl.DateTimeFormat, loaded before @swf-flow/workflow (it
// imports nothing): its classes extend the host's constructors, not the workflow's.

/** A date that knows whether it falls on a weekend (the classic business-date helper). */
export class BusinessDate extends Date {
  /** Whether the date is a Saturday or a Sunday. */
  isWeekend(): boolean {
    const day = this.getDay();
    return day === 0 || day === 6;
  }
}

/** A formatter with the library's house style. */
export class HouseFormat extends Intl.DateTimeFormat {}

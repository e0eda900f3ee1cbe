/**
 * SWF faults: the errors the service answers with. On the wire each is HTTP 400 with
 * `{"__type": "com.amazonaws.swf.base.model#<name>", "message": "..."}`; validation errors use
 * `com.amazon.coral.validate#ValidationException` and the protocol's own faults (unknown operation,
 * bad JSON, signatures) `com.amazon.coral.service#<name>`, as Amazon SWF does.
 */

/** The fault names of the SWF API model, plus the generic validation and service errors. */
export type SwfFaultName =
  | 'DefaultUndefinedFault'
  | 'DomainAlreadyExistsFault'
  | 'DomainDeprecatedFault'
  | 'LimitExceededFault'
  | 'OperationNotPermittedFault'
  | 'TooManyTagsFault'
  | 'TypeAlreadyExistsFault'
  | 'TypeDeprecatedFault'
  | 'TypeNotDeprecatedFault'
  | 'UnknownResourceFault'
  | 'WorkflowExecutionAlreadyStartedFault'
  | 'ValidationException'
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'InternalFailure'
  | 'AccessDeniedException'
  | 'MissingAuthenticationTokenException'
  | 'IncompleteSignatureException'
  | 'InvalidSignatureException'
  | 'UnrecognizedClientException';

const CORAL_TYPES: Partial<Record<SwfFaultName, string>> = {
  ValidationException: 'com.amazon.coral.validate#ValidationException',
  UnknownOperationException: 'com.amazon.coral.service#UnknownOperationException',
  SerializationException: 'com.amazon.coral.service#SerializationException',
  InternalFailure: 'com.amazon.coral.service#InternalFailure',
  AccessDeniedException: 'com.amazon.coral.service#AccessDeniedException',
  MissingAuthenticationTokenException: 'com.amazon.coral.service#MissingAuthenticationTokenException',
  IncompleteSignatureException: 'com.amazon.coral.service#IncompleteSignatureException',
  InvalidSignatureException: 'com.amazon.coral.service#InvalidSignatureException',
  UnrecognizedClientException: 'com.amazon.coral.service#UnrecognizedClientException',
};

/** Faults answered with another status than 400. */
const HTTP_STATUS: Partial<Record<SwfFaultName, number>> = { InternalFailure: 500, AccessDeniedException: 403 };

/** An SWF fault raised by an operation; the HTTP front turns it into the wire form. */
export class SwfFault extends Error {
  override readonly name = 'SwfFault';

  constructor(
    /** The fault's name in the SWF model, e.g. `UnknownResourceFault`. */
    readonly fault: SwfFaultName,
    message: string,
  ) {
    super(message);
  }

  /** The `__type` value SWF sends for this fault. */
  get wireType(): string {
    return CORAL_TYPES[this.fault] ?? `com.amazonaws.swf.base.model#${this.fault}`;
  }

  /**
   * HTTP status: 500 for internal failures, 403 for a request the service will not answer at all
   * (a `Host` it does not answer to), 400 for everything else, signature faults included (as SWF).
   */
  get httpStatus(): number {
    return HTTP_STATUS[this.fault] ?? 400;
  }

  /** The JSON body SWF sends for this fault. */
  toWire(): { __type: string; message: string } {
    return { __type: this.wireType, message: this.message };
  }
}

/** Shorthand for the most common fault. */
export function unknownResource(message: string): SwfFault {
  return new SwfFault('UnknownResourceFault', message);
}

/** Shorthand for a validation error (a request that breaks the model's constraints). */
export function validation(message: string): SwfFault {
  return new SwfFault('ValidationException', message);
}

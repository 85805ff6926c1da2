/**
 * Errors raised by pure domain rules. The server maps them to HTTP 400/409/422 with `code`
 * preserved, so a client can react to the rule without parsing the message.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Bad value in a named field: becomes a 400 naming the field. */
export class InvalidValue extends DomainError {
  constructor(
    readonly field: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super('invalid_value', `${field}: ${message}`, { field, ...details });
    this.name = 'InvalidValue';
  }
}

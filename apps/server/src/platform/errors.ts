import { DomainError } from '@duely/domain';

/**
 * Typed application errors. Each has a `code` literal a client can switch on; one mapper
 * (http/errors.ts) turns them into `{ error: { code, message, details } }` with the status here.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly code = 'validation_failed';
  constructor(field: string, message: string, details: Record<string, unknown> = {}) {
    super(`${field}: ${message}`, { field, ...details });
  }
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'not_found';
  constructor(entity: string, id?: string) {
    super(id ? `${entity} ${id} not found` : `${entity} not found`, { entity, ...(id ? { id } : {}) });
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  constructor(
    readonly code: 'duplicate' | 'conflict' | 'has_allocations' | 'already_reversed' | 'idempotency_in_progress' | 'idempotency_mismatch',
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, details);
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = 'unauthorized';
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code = 'forbidden';
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly code = 'payload_too_large';
}

export interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

/** Status and body for any thrown value; unknown errors become a 500 without internals. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message, details: error.details } } };
  }
  if (error instanceof DomainError) {
    const status = error.code === 'invalid_value' ? 400 : 422;
    return {
      status,
      body: { error: { code: error.code === 'invalid_value' ? 'validation_failed' : error.code, message: error.message, details: error.details } },
    };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Internal error', details: {} } } };
}

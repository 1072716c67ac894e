/**
 * Error kinds the product raises on purpose. The code's prefix says how it maps to HTTP/tRPC;
 * the part after the colon names what was wrong (`not_found:item`, `bad_request:csv`).
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  /** A plan limit or a lapsed payment: the message names the limit and how to raise it. */
  payment_required: 402,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  unavailable: 503,
} as const;

export type ErrorKind = keyof typeof ERROR_STATUS;
export type ErrorCode = `${ErrorKind}:${string}` | ErrorKind;

export class AppError extends Error {
  readonly code: ErrorCode;
  /** For `too_many_requests`: when the caller may try again, sent as `Retry-After`. */
  readonly retryAfterSeconds?: number;
  constructor(code: ErrorCode, message: string, options: { retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get kind(): ErrorKind {
    return this.code.split(":")[0] as ErrorKind;
  }

  get status(): number {
    return ERROR_STATUS[this.kind];
  }
}

/**
 * Error kinds the product raises on purpose. The code's prefix says how it maps to HTTP/tRPC;
 * the part after the colon names what was wrong (`not_found:item`, `bad_request:csv`).
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
} as const;

export type ErrorKind = keyof typeof ERROR_STATUS;
export type ErrorCode = `${ErrorKind}:${string}` | ErrorKind;

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "AppError";
    this.code = code;
  }

  get kind(): ErrorKind {
    return this.code.split(":")[0] as ErrorKind;
  }

  get status(): number {
    return ERROR_STATUS[this.kind];
  }
}

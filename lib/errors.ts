// Typed application errors and their one mapping to HTTP statuses and JSON bodies.
const statusByCode = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  rate_limited: 429,
  session_not_found: 404,
  offering_not_found: 404,
  booking_not_found: 404,
  insufficient_capacity: 409,
  seat_unavailable: 409,
  session_not_bookable: 409,
  idempotency_key_reused: 409,
  conflict: 409,
  discount_unavailable: 409,
  member_required: 409,
  points_unavailable: 409,
  change_not_allowed: 409,
  link_invalid: 410,
  payment_provider_error: 502,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof statusByCode;

const defaultMessages: Record<ErrorCode, string> = {
  invalid_request: "The request is not valid.",
  unauthorized: "Sign in to continue.",
  forbidden: "You do not have access to this.",
  not_found: "Not found.",
  method_not_allowed: "This endpoint does not support that method.",
  payload_too_large: "The request body is too large.",
  rate_limited: "Too many requests. Please wait a little and try again.",
  session_not_found: "That session does not exist.",
  offering_not_found: "That offering does not exist.",
  booking_not_found: "Booking not found.",
  insufficient_capacity: "There are not enough places left on this session.",
  seat_unavailable: "A chosen seat is no longer available.",
  session_not_bookable: "This session can no longer be booked.",
  idempotency_key_reused: "This Idempotency-Key was already used for a different request.",
  conflict: "The request conflicts with the current state.",
  discount_unavailable: "That discount code can no longer be used.",
  member_required: "Only verified members can book this way: verify your membership email first.",
  points_unavailable: "There are not enough reward points for that.",
  change_not_allowed: "This booking can no longer be changed online.",
  link_invalid: "This sign-in link is not valid: it has expired or has already been used. Ask for a new one.",
  payment_provider_error: "The payment provider could not be reached. Please try again.",
  internal_error: "Something went wrong on our side.",
};

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  /** Extra response headers (Retry-After on a 429, say). */
  headers: Record<string, string> = {};
  constructor(code: ErrorCode, details: Record<string, unknown> = {}, message?: string) {
    super(message ?? defaultMessages[code]);
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return statusByCode[this.code];
  }
}

export function errorBody(err: AppError) {
  return { error: { code: err.code, message: err.message, ...err.details } };
}

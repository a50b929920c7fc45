// Request ids: the caller's `x-request-id` when it is a sensible token (a proxy or client correlating its
// own logs), else a fresh one.
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export const REQUEST_ID_HEADER = "x-request-id";

export function requestIdFrom(given: string | null | undefined): string {
  return given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

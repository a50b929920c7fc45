// The HTTP status of each scan result: accepted 200/201, refused 4xx with the outcome in the body.
import type { ScanOutcome, ScanResultCode } from "./outcome";

const statusByResult: Record<ScanResultCode, number> = {
  checked_in: 201, checked_out: 200, undone: 200,
  already_checked_in: 409, already_checked_out: 409, not_checked_in: 409, check_out_not_offered: 409, wrong_session: 409,
  unknown: 404, malformed: 422, revoked: 410, refunded: 410, cancelled: 410,
};

export function outcomeResponse(outcome: ScanOutcome): Response {
  const status = outcome.replayed && outcome.result === "checked_in" ? 200 : statusByResult[outcome.result];
  return Response.json({ outcome }, { status, headers: { "cache-control": "no-store" } });
}

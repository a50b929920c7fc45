// The review steps' "Continue to payment": the draft's key stays the same until its booking is paid, so going back
// from the checkout and continuing again with the same answers answers the same booking and checkout (no second
// hold on the customer's own places). With changed answers the server refuses the key (another request under it):
// the draft takes a new key and the old one's unpaid booking gives its places back first. A checkout that has
// closed meanwhile is replaced the same way.
import type { StartCheckoutAction, StartCheckoutResult } from "@/lib/booking/wizard-actions";
import type { Draft } from "./types";

const STARTS_AFRESH = new Set(["idempotency_key_reused", "checkout_lapsed"]);

export async function startDraftCheckout(
  startCheckout: StartCheckoutAction, payload: unknown, draft: Draft, update: (change: Partial<Draft>) => void,
): Promise<StartCheckoutResult> {
  let result = await startCheckout(payload, draft.idempotencyKey);
  if (!result.ok && STARTS_AFRESH.has(result.code)) {
    const fresh = crypto.randomUUID();
    update({ idempotencyKey: fresh });
    result = await startCheckout(payload, fresh, draft.idempotencyKey);
  }
  // The booking page clears the draft once this booking is paid (booking-status-watch.tsx).
  if (result.ok) update({ checkoutReference: result.reference });
  return result;
}

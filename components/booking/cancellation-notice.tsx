// The booking page's confirmation of the customer's latest cancellation: what was cancelled and refunded.
import { formatMoney } from "@/lib/format";

export function CancellationNotice({ places, refundAmount, currency, creditNote }: { places: number; refundAmount: number; currency: string; creditNote: string | null }) {
  return (
    <div role="status" className="rounded-lg border-2 border-brand-600 bg-brand-50 p-4" data-testid="cancellation-notice">
      <p className="font-semibold">Cancelled {places} place{places === 1 ? "" : "s"}. Refund: {formatMoney(refundAmount, currency)}
        {creditNote ? <> (credit note {creditNote})</> : null}.</p>
      <p>We have emailed you a confirmation.</p>
    </div>
  );
}

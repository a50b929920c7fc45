// Ticket types as the public catalogue and API show them: visible ones, with places left and sale state.
import type { TicketTypeAvailability } from "@/db/queries/ticket-types";
import { onSale } from "@/lib/booking/ticket-rules";
import { depositAvailable } from "@/lib/booking/pricing";
import { env } from "@/lib/env";

export type PublicTicketType = {
  id: string; name: string; description: string | null; priceAmount: number; depositAmount: number | null; currency: string;
  quota: number | null; available: number; seatClass: string | null; onSale: boolean; onSaleFrom: string | null; onSaleUntil: string | null;
  minPerBooking: number; maxPerBooking: number;
};

/** The visible types, or with `which: "hidden"` only the hidden ones (what a presale code unlocks). */
export function presentTicketTypes(types: TicketTypeAvailability[] | undefined, currency: string, now = new Date(), which: "visible" | "hidden" = "visible"): PublicTicketType[] {
  return (types ?? []).filter((t) => t.visible === (which === "visible")).map((t) => {
    const selling = onSale(t, now);
    return {
      id: t.id, name: t.name, description: t.description, priceAmount: t.priceAmount, depositAmount: t.depositAmount, currency,
      quota: t.quota, available: selling ? t.available : 0, seatClass: t.seatClass, onSale: selling,
      onSaleFrom: t.onSaleFrom?.toISOString() ?? null, onSaleUntil: t.onSaleUntil?.toISOString() ?? null,
      minPerBooking: t.minPerBooking, maxPerBooking: t.maxPerBooking,
    };
  });
}

/**
 * Deposits as a booking made now could pay them: none once the balance would fall due within a day (the
 * session is too near, BALANCE_DUE_DAYS), as checkout refuses a deposit then.
 */
export function depositOpen(sessionStartsAt: Date, now = new Date()): boolean {
  return depositAvailable({ depositAmount: 1, sessionStartsAt, daysBefore: env().BALANCE_DUE_DAYS, now });
}

/** The types with their deposits, or with none when the session is too near for a deposit (depositOpen). */
export function withDepositWindow(types: PublicTicketType[], open: boolean): PublicTicketType[] {
  return open ? types : types.map((t) => ({ ...t, depositAmount: null }));
}

/** The lowest price on sale: what "from £35" shows. Null when nothing is on sale. */
export function fromPrice(types: PublicTicketType[]): number | null {
  const selling = types.filter((t) => t.onSale);
  return selling.length ? Math.min(...selling.map((t) => t.priceAmount)) : null;
}

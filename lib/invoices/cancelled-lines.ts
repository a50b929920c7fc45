// The lines a credit note prints for cancelled places, read before the places are cancelled.
import type { DbOrTx } from "@/db";
import type { LineSnapshot } from "@/db/schema";
import { getBookingDetail } from "@/db/queries/bookings";
import { placeLine } from "./snapshot";

/** One line per place, as its invoice showed it when that invoice had a line per place, otherwise built afresh. */
export async function cancelledPlaceLines(db: DbOrTx, bookingId: string, invoiceLines: LineSnapshot[], attendeeIds: string[]): Promise<LineSnapshot[]> {
  if (attendeeIds.length === 0) return [];
  const detail = await getBookingDetail(db, bookingId);
  if (!detail) return [];
  return attendeeIds.flatMap((id) => {
    const invoiced = invoiceLines.find((l) => l.attendeeId === id);
    if (invoiced) return [invoiced];
    const a = detail.attendees.find((x) => x.id === id);
    return a ? [placeLine(detail, a)] : [];
  });
}

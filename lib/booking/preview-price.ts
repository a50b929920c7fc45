// The price a booking request would be charged, with its discounts, worked out as the booking itself does
// and then rolled back: the review step shows exactly what checkout will charge, and nothing is written.
import type { Db } from "@/db";
import type { AppliedDiscount, Quote } from "./pricing";
import type { BookingRequest } from "@/lib/validations/booking";
import { priceBookingRequest } from "./create-booking";

export type PricePreview = {
  currency: string;
  listAmount: number;
  discounts: AppliedDiscount[];
  totalAmount: number;
  /** Paying in full, and paying a deposit where the booking offers one. */
  full: { amountDueNow: number };
  deposit: { amountDueNow: number; balanceAmount: number; depositPerAttendee: number | null } | null;
};

class RollBack extends Error {
  constructor(readonly preview: PricePreview) {
    super("price preview");
  }
}

function depositOf(priceWith: (taken: number, option: "deposit") => Quote, taken: number): PricePreview["deposit"] {
  try {
    const q = priceWith(taken, "deposit");
    return { amountDueNow: q.amountDueNow, balanceAmount: q.balanceAmount, depositPerAttendee: q.depositPerAttendee };
  } catch {
    return null; // no deposit for these places
  }
}

export async function previewBookingPrice(db: Db, input: BookingRequest, now = new Date()): Promise<PricePreview> {
  try {
    await db.transaction(async (tx) => {
      const { quote, priceWith, discounts } = await priceBookingRequest(tx, { ...input, paymentOption: "full" }, now);
      throw new RollBack({
        currency: quote.currency,
        listAmount: quote.listAmount,
        discounts: quote.discounts.map(({ source, label, amount }) => ({ source, label, amount })),
        totalAmount: quote.totalAmount,
        full: { amountDueNow: quote.amountDueNow },
        deposit: depositOf(priceWith, discounts.placesTakenBefore),
      });
    });
  } catch (err) {
    if (err instanceof RollBack) return err.preview;
    throw err;
  }
  throw new Error("unreachable");
}

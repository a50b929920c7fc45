// The price a booking request would be charged, with its discounts, worked out as the booking itself does
// and then rolled back: the review step shows exactly what checkout will charge, and nothing is written.
import type { Db } from "@/db";
import type { AppliedDiscount, Quote } from "./pricing";
import type { BookingRequest } from "@/lib/validations/booking";
import { priceBookingRequest } from "./create-booking";
import { env } from "@/lib/env";

export type PricePreview = {
  currency: string;
  listAmount: number;
  discounts: AppliedDiscount[];
  totalAmount: number;
  /** Paying in full, and paying a deposit where the booking offers one. */
  full: { amountDueNow: number };
  deposit: { amountDueNow: number; balanceAmount: number; depositPerAttendee: number | null } | null;
  /** The verified member this booking is for (their session email is its contact email), or null. */
  member: { level: string; memberNumber: string; balance: number; pointValueMinor: number; maxPoints: number } | null;
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

export async function previewBookingPrice(db: Db, input: BookingRequest, now = new Date(), verifiedEmail: string | null = null): Promise<PricePreview> {
  try {
    await db.transaction(async (tx) => {
      const { quote, priceWith, discounts, member } = await priceBookingRequest(tx, { ...input, paymentOption: "full" }, now, verifiedEmail);
      const pointValueMinor = env().POINT_VALUE_MINOR;
      const pointsLine = quote.discounts.find((d) => d.source === "points");
      throw new RollBack({
        member: member.member ? {
          level: member.member.level, memberNumber: member.member.memberNumber, balance: member.balance ?? 0, pointValueMinor,
          // What is left to pay before points, in whole points, and never more than the balance.
          maxPoints: Math.min(member.balance ?? 0, Math.floor((quote.totalAmount + (pointsLine?.amount ?? 0)) / pointValueMinor)),
        } : null,
        currency: quote.currency,
        listAmount: quote.listAmount,
        discounts: quote.discounts.map(({ source, label, amount, points }) => ({ source, label, amount, ...(points ? { points } : {}) })),
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

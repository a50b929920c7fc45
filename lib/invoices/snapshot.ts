// What an invoice freezes at issue: the seller from configuration, the buyer and one line per place from
// the booking. Pure functions over plain data.
import type { BookingDetail } from "@/db/queries/bookings";
import type { LineSnapshot, PartySnapshot, PaymentSnapshot } from "@/db/schema";
import type { Env } from "@/lib/env";
import { formatSessionWhen } from "@/lib/format";

const regionNames = new Intl.DisplayNames(["en-GB"], { type: "region" });

export function countryName(code: string | null | undefined): string | null {
  if (!code) return null;
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

export function sellerSnapshot(e: Pick<Env, "SELLER_NAME" | "SELLER_ADDRESS" | "SELLER_VAT_NUMBER" | "SELLER_BANK_DETAILS" | "MAIL_FROM">): PartySnapshot {
  const email = e.MAIL_FROM.match(/<([^>]+)>/)?.[1] ?? (e.MAIL_FROM.includes("@") ? e.MAIL_FROM.trim() : null);
  return {
    name: e.SELLER_NAME,
    addressLines: e.SELLER_ADDRESS.split("|").map((l) => l.trim()).filter(Boolean),
    vatId: e.SELLER_VAT_NUMBER ?? null,
    bankDetails: e.SELLER_BANK_DETAILS ?? null,
    email,
  };
}

export function buyerSnapshot(b: BookingDetail["booking"]): PartySnapshot {
  const addressLines = b.billingLine1
    ? [b.billingLine1, b.billingLine2, [b.billingCity, b.billingPostalCode].filter(Boolean).join(" "), countryName(b.billingCountry)]
        .filter((l): l is string => Boolean(l && l.trim()))
    : [];
  return {
    name: b.contactName,
    organisation: b.organisation ?? null,
    addressLines,
    vatId: b.vatId ?? null,
    email: b.contactEmail,
  };
}

/** The course and session as a line's detail: "Tue 3 Mar 2026, 09:30–16:30 GMT · Venue, City". */
export function sessionDetail(d: Pick<BookingDetail, "session" | "venue">): string {
  return `${formatSessionWhen(d.session.startsAt, d.session.endsAt, d.venue.timeZone)} · ${d.venue.name}, ${d.venue.city}`;
}

/** One line per place still booked, at the booking's unit price. */
export function placeLines(d: Pick<BookingDetail, "booking" | "session" | "venue" | "course" | "attendees">): LineSnapshot[] {
  const detail = sessionDetail(d);
  return d.attendees.filter((a) => !a.cancelledAt).map((a) => ({
    description: `${d.course.title}: place for ${a.firstName} ${a.lastName}`,
    detail,
    quantity: 1,
    unitAmount: d.booking.unitAmount,
    amount: d.booking.unitAmount,
    attendeeId: a.id,
  }));
}

const paymentKindText = { full: "Payment", deposit: "Deposit", balance: "Balance payment" } as const;

export function paymentSnapshots(payments: { kind: "full" | "deposit" | "balance"; amount: number; receivedAt: Date }[]): PaymentSnapshot[] {
  return payments.map((p) => ({ date: p.receivedAt.toISOString(), description: `${paymentKindText[p.kind]} by card`, amount: p.amount }));
}

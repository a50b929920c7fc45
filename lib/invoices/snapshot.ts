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

type LineSource = Pick<BookingDetail, "booking" | "session" | "venue" | "course" | "attendees">;

/** The booking's discounts over its places still booked, per discount: for documents that show them. */
export function discountTotals(d: Pick<BookingDetail, "attendees" | "discounts">): { label: string; amount: number }[] {
  const active = new Set(d.attendees.filter((a) => !a.cancelledAt).map((a) => a.id));
  const byLabel = new Map<string, number>();
  for (const x of d.discounts) if (active.has(x.attendeeId)) byLabel.set(x.label, (byLabel.get(x.label) ?? 0) + x.amount);
  return [...byLabel.entries()].map(([label, amount]) => ({ label, amount }));
}
type Place = LineSource["attendees"][number];

function placeName(a: Place): string {
  return `${a.firstName} ${a.lastName}${a.seat ? ` (${a.seat.label})` : ""}`;
}

/** "First Aid at Work" for a course's only type, "Gala Night — VIP" when it sells several. */
/** A place's ticket type where naming it says something: several types on the booking, or one not "Standard". */
export function typeWorthNaming(typeName: string, typeCount: number): string | null {
  return typeCount > 1 || typeName !== "Standard" ? typeName : null;
}

function lineTitle(d: LineSource, a: Place, typeCount: number): string {
  const type = typeWorthNaming(a.ticketType.name, typeCount);
  return type ? `${d.course.title} — ${type}` : d.course.title;
}

const spanKindText = { standard: "Standard hours", peak: "Peak hours" } as const;

/**
 * A time-slot booking: one line per rate (standard and peak hours), each slot-hours × attendees at that
 * rate, with the local times it covers: "Standard hours · 09:00–16:00 · 7 × 1 h × 2 people".
 */
function spanLines(d: LineSource, active: Place[]): LineSnapshot[] {
  const price = d.booking.spanPrice!;
  const slotText = price.slotMinutes % 60 === 0 ? `${price.slotMinutes / 60} h` : `${price.slotMinutes} min`;
  const who = `for ${active.map(placeName).join(", ")}`;
  return price.lines.map((l) => ({
    description: `${d.course.title} — ${spanKindText[l.kind]} ${l.ranges.join(", ")}`,
    detail: `${l.slots} × ${slotText} × ${active.length} ${active.length === 1 ? "person" : "people"} · ${sessionDetail(d)} · ${who}`,
    quantity: l.slots * active.length,
    unitAmount: l.rateAmount,
    amount: l.slots * active.length * l.rateAmount,
    attendeeIds: active.map((a) => a.id),
  }));
}

/** What one discount took off one place (booking_discount_lines). */
export type PlaceDiscount = { attendeeId: string; label: string; amount: number };

/**
 * One line per ticket type and list price among the places still booked, naming the attendees it covers,
 * then one line per discount (a negative amount) over those places, so the lines add up to what they cost.
 */
export function placeLines(d: LineSource, discounts: PlaceDiscount[] = []): LineSnapshot[] {
  const detail = sessionDetail(d);
  const active = d.attendees.filter((a) => !a.cancelledAt);
  if (d.booking.spanPrice && active.length) return [...spanLines(d, active), ...discountLines(active, discounts)];
  const typeCount = new Set(active.map((a) => a.ticketTypeId)).size;
  const groups = new Map<string, Place[]>();
  for (const a of active) {
    const key = `${a.ticketTypeId}:${a.listAmount}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  return [...[...groups.values()].map((places) => ({
    description: lineTitle(d, places[0], typeCount),
    detail: `${detail} · for ${places.map(placeName).join(", ")}`,
    quantity: places.length,
    unitAmount: places[0].listAmount,
    amount: places[0].listAmount * places.length,
    attendeeIds: places.map((a) => a.id),
  })), ...discountLines(active, discounts)];
}

/** Each discount over the active places, as a line of its own with a negative amount. */
function discountLines(active: Place[], discounts: PlaceDiscount[]): LineSnapshot[] {
  const ids = new Set(active.map((a) => a.id));
  const byLabel = new Map<string, { amount: number; attendeeIds: string[] }>();
  for (const x of discounts) {
    if (!ids.has(x.attendeeId)) continue;
    const line = byLabel.get(x.label) ?? { amount: 0, attendeeIds: [] };
    line.amount += x.amount;
    line.attendeeIds.push(x.attendeeId);
    byLabel.set(x.label, line);
  }
  return [...byLabel.entries()].map(([label, l]) => ({
    description: `Discount: ${label}`, quantity: 1, unitAmount: -l.amount, amount: -l.amount, attendeeIds: l.attendeeIds, discount: true,
  }));
}

/** One place as a line of its own (a cancelled place on a credit note). */
export function placeLine(d: LineSource, a: Place): LineSnapshot {
  const typeCount = new Set(d.attendees.map((x) => x.ticketTypeId)).size;
  return {
    description: `${lineTitle(d, a, typeCount)}: place for ${placeName(a)}`,
    detail: sessionDetail(d),
    quantity: 1,
    unitAmount: a.unitAmount,
    amount: a.unitAmount,
    attendeeId: a.id,
  };
}

const paymentKindText = { full: "Payment", deposit: "Deposit", balance: "Balance payment" } as const;

export function paymentSnapshots(payments: { kind: "full" | "deposit" | "balance"; amount: number; receivedAt: Date }[]): PaymentSnapshot[] {
  return payments.map((p) => ({ date: p.receivedAt.toISOString(), description: `${paymentKindText[p.kind]} by card`, amount: p.amount }));
}

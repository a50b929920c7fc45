// Which spans a customer can choose from a day's availability, and their price: used by the wizard as the
// customer picks, so only bookable spans are offered. Pure functions over the availability API's slots.

export type OfferedSlot = {
  start: string; end: string; localStart: string; localEnd: string; available: number; rateAmount: number; peak: boolean;
};

export type SpanRule = { people: number; minSlots: number; maxSlots: number };

/** Indexes of the last slot of every bookable span starting at slot `from`. */
export function bookableEnds(slots: OfferedSlot[], from: number, rule: SpanRule): number[] {
  const ends: number[] = [];
  for (let j = from; j < slots.length && j - from + 1 <= rule.maxSlots; j++) {
    if (slots[j].available < rule.people) break;
    if (j > from && slots[j - 1].end !== slots[j].start) break; // closed in between
    if (j - from + 1 >= rule.minSlots) ends.push(j);
  }
  return ends;
}

/** Indexes of the slots a bookable span can start at. */
export function bookableStarts(slots: OfferedSlot[], rule: SpanRule): number[] {
  return slots.map((_, i) => i).filter((i) => bookableEnds(slots, i, rule).length > 0);
}

export type OfferedQuote = {
  perAttendee: number;
  lines: { kind: "standard" | "peak"; slots: number; rateAmount: number }[];
};

/** The price per attendee of the slots from `from` to `to` (inclusive), split into standard and peak hours. */
export function quoteOffered(slots: OfferedSlot[], from: number, to: number): OfferedQuote {
  const span = slots.slice(from, to + 1);
  const lines: OfferedQuote["lines"] = [];
  for (const kind of ["standard", "peak"] as const) {
    const ofKind = span.filter((s) => s.peak === (kind === "peak"));
    if (ofKind.length) lines.push({ kind, slots: ofKind.length, rateAmount: ofKind[0].rateAmount });
  }
  return { perAttendee: span.reduce((a, s) => a + s.rateAmount, 0), lines };
}

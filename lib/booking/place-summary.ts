// How a place is described next to its attendee: its ticket type and seat, where they say something.
export type DescribedPlace = { ticketType: { name: string }; seat: { label: string } | null };

/**
 * "VIP · Stalls, row A, seat 3", "Concession", or null for a course's only "Standard" type without a seat,
 * so a course with one price reads exactly as before.
 */
export function placeSummary(place: DescribedPlace, typesInBooking: number): string | null {
  const showType = typesInBooking > 1 || place.ticketType.name !== "Standard" || place.seat != null;
  const parts = [showType ? place.ticketType.name : null, place.seat?.label ?? null].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}

/** The summary of each place of a booking, keyed by attendee id. */
export function placeSummaries<T extends DescribedPlace & { id: string; ticketTypeId: string }>(places: T[]): Map<string, string | null> {
  const types = new Set(places.map((p) => p.ticketTypeId)).size;
  return new Map(places.map((p) => [p.id, placeSummary(p, types)]));
}

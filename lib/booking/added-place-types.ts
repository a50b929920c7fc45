// The ticket type of a place added to a paid booking: the types a customer may choose (the public ones on sale,
// within their per-booking limits counted with the booking's own places) and the one the form starts on. Shared
// by the my-bookings form and changeBooking, so the form offers what the server accepts. Pure, unit-tested.
import type { TicketType } from "@/db/schema";
import { MAX_ATTENDEES } from "@/lib/validations/booking";
import { onSale } from "./ticket-rules";

type TypeRules = Pick<TicketType, "id" | "name" | "visible" | "onSaleFrom" | "onSaleUntil" | "retiredAt" | "minPerBooking" | "maxPerBooking">;

const tickets = (n: number, name: string) => `${n} ${name} ticket${n === 1 ? "" : "s"}`;

/**
 * Why `adding` more places of a type cannot be added to a booking that holds `held` of it, or null. Hidden types
 * are sold only with a presale code in the booking wizard, so they are not offered here.
 */
export function addedTypeProblem(t: TypeRules, held: number, adding: number, now: Date): string | null {
  if (t.retiredAt || !t.visible) return "This ticket type is not sold for this session";
  if (!onSale(t, now)) return t.onSaleFrom && t.onSaleFrom > now ? `${t.name} tickets are not on sale yet` : `${t.name} tickets are no longer on sale`;
  if (held + adding > t.maxPerBooking)
    return held ? `At most ${tickets(t.maxPerBooking, t.name)} per booking; this booking has ${held}` : `At most ${tickets(t.maxPerBooking, t.name)} per booking`;
  if (held + adding < t.minPerBooking) return `At least ${tickets(t.minPerBooking, t.name)} per booking`;
  return null;
}

/**
 * How many attendees can still be added to a booking that has had `placesEver` places: a booking numbers its
 * places 1 to 12 for good, so a cancelled place keeps its number and counts towards the limit.
 */
export function attendeesLeftToAdd(placesEver: number): number {
  return Math.max(0, MAX_ATTENDEES - placesEver);
}

/** Why `adding` more attendees cannot join a booking that has had `placesEver` places, or null. */
export function attendeeLimitProblem(placesEver: number, adding: number): string | null {
  const left = attendeesLeftToAdd(placesEver);
  if (adding <= left) return null;
  if (left === 0)
    return `This booking has had ${MAX_ATTENDEES} attendees, the most one booking can have (cancelled places count too): make a new booking for more people`;
  return `This booking can take at most ${left} more ${left === 1 ? "attendee" : "attendees"} (${MAX_ATTENDEES} in all, cancelled places included)`;
}

/** Places a booking holds per type id. */
export function placesPerType(places: { ticketTypeId: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of places) counts.set(p.ticketTypeId, (counts.get(p.ticketTypeId) ?? 0) + 1);
  return counts;
}

/**
 * The type of each place added: the one asked for, else (an API client naming none) the session's first public
 * type on sale, as before types could be chosen. Field errors keyed `addAttendees.<i>.ticketTypeId`, on the first
 * place of a type for its limits.
 */
export function checkAddedTypes<T extends TypeRules>(p: { types: T[]; wanted: (string | undefined)[]; held: Map<string, number>; now: Date }): {
  fields: Record<string, string>; chosen: (T | null)[];
} {
  const fields: Record<string, string> = {};
  const fallback = p.types.find((t) => t.visible && onSale(t, p.now)) ?? null;
  const chosen = p.wanted.map((id, i) => {
    const t = id ? p.types.find((x) => x.id === id) ?? null : fallback;
    if (!t) fields[`addAttendees.${i}.ticketTypeId`] = id ? "This ticket type is not sold for this session" : "No tickets are on sale for this session";
    return t;
  });
  const adding = placesPerType(chosen.filter((t): t is T => t !== null).map((t) => ({ ticketTypeId: t.id })));
  chosen.forEach((t, i) => {
    if (!t || chosen.findIndex((x) => x?.id === t.id) !== i) return;
    const problem = addedTypeProblem(t, p.held.get(t.id) ?? 0, adding.get(t.id)!, p.now);
    if (problem) fields[`addAttendees.${i}.ticketTypeId`] = problem;
  });
  return { fields, chosen };
}

export type AddedPlaceChoice = {
  id: string; name: string; description: string | null; priceAmount: number; quota: number | null; onSale: boolean;
  /** Places of this type left now (0 when not on sale). */
  available: number;
  /** Why it cannot be chosen now ("sold out", "not on sale yet"...), or null. */
  unavailable: string | null;
};

/**
 * The types the add-attendee form offers for one more place: the session's public types, each with its places left
 * and why it cannot be chosen, if so. Starts on the type most of the booking's places are, when it can be chosen
 * (a guest joining the others), else the first that can.
 */
export function addedPlaceChoices<T extends TypeRules & Pick<TicketType, "description" | "priceAmount" | "quota"> & { available: number }>(
  types: T[], places: { ticketTypeId: string }[], now: Date,
): { choices: AddedPlaceChoice[]; defaultId: string | null } {
  const held = placesPerType(places);
  const choices = types.filter((t) => t.visible && !t.retiredAt).map((t): AddedPlaceChoice => {
    const selling = onSale(t, now);
    const problem = addedTypeProblem(t, held.get(t.id) ?? 0, 1, now);
    let unavailable: string | null = null;
    if (!selling) unavailable = t.onSaleFrom && t.onSaleFrom > now ? "not on sale yet" : "no longer on sale";
    else if (t.available < 1) unavailable = "sold out";
    else if (problem) unavailable = (held.get(t.id) ?? 0) + 1 > t.maxPerBooking ? `at most ${t.maxPerBooking} per booking` : `at least ${t.minPerBooking} per booking`;
    return { id: t.id, name: t.name, description: t.description, priceAmount: t.priceAmount, quota: t.quota, onSale: selling, available: selling ? t.available : 0, unavailable };
  });
  const open = choices.filter((c) => !c.unavailable);
  const usual = [...held].sort((a, b) => b[1] - a[1]).map(([id]) => open.find((c) => c.id === id)).find(Boolean);
  return { choices, defaultId: (usual ?? open[0])?.id ?? null };
}

// The customer's choice of tickets ("2 × Standard, 1 × Concession"): checked against each type's places and
// per-booking limits, and turned into one ticket type per attendee. Pure, shared by the wizard; unit-tested.
import { MAX_ATTENDEES } from "@/lib/validations/booking";

export type MixType = {
  id: string; name: string; available: number; onSale: boolean; minPerBooking: number; maxPerBooking: number;
};

/** Types a customer can pick from: on sale with places left. */
export const sellableTypes = <T extends MixType>(types: T[]) => types.filter((t) => t.onSale && t.available > 0);

/** Ticket counts per type id, as the attendees carry them; attendees with no type count as `fallbackTypeId`. */
export function countTickets(attendees: { ticketTypeId: string | null }[], fallbackTypeId: string | null): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of attendees) {
    const id = a.ticketTypeId ?? fallbackTypeId;
    if (id) counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

/**
 * Field errors for a choice of ticket counts, keyed `tickets.<typeId>` (or `tickets` for the whole choice):
 * each count a whole number within the type's places left and per-booking limits, and 1 to the session's places
 * left (at most twelve) in all.
 */
export function checkTicketMix(types: MixType[], counts: Record<string, number>, sessionAvailable: number): Record<string, string> {
  const fields: Record<string, string> = {};
  let total = 0;
  for (const t of types) {
    const n = counts[t.id] ?? 0;
    const key = `tickets.${t.id}`;
    if (!Number.isInteger(n) || n < 0) { fields[key] = `Enter a whole number of ${t.name} tickets`; continue; }
    total += n;
    if (n === 0) continue;
    if (!t.onSale || t.available <= 0) fields[key] = `${t.name} tickets are not available`;
    else if (n > t.available) fields[key] = `Only ${t.available} ${t.name} ${t.available === 1 ? "ticket is" : "tickets are"} left`;
    else if (n > t.maxPerBooking) fields[key] = `At most ${t.maxPerBooking} ${t.name} ${t.maxPerBooking === 1 ? "ticket" : "tickets"} per booking`;
    else if (n < t.minPerBooking) fields[key] = `At least ${t.minPerBooking} ${t.name} tickets per booking`;
  }
  for (const id of Object.keys(counts))
    if ((counts[id] ?? 0) > 0 && !types.some((t) => t.id === id)) fields.tickets ??= "A chosen ticket type is not sold for this session";
  const limit = Math.min(MAX_ATTENDEES, sessionAvailable);
  if (Object.keys(fields).length === 0) {
    if (total < 1) fields.tickets = "Choose at least one ticket";
    else if (total > limit)
      fields.tickets = limit < MAX_ATTENDEES
        ? `Only ${limit} ${limit === 1 ? "place is" : "places are"} left on this session`
        : `A booking can have at most ${MAX_ATTENDEES} attendees`;
  }
  return fields;
}

/**
 * Gives each attendee a type so the counts match: attendees keep their type while its count lasts (in order),
 * the others take the types still short, new attendees fill what is left, and any still over are dropped
 * (blank ones first). A type change clears the attendee's seat, which may no longer fit.
 */
export function assignTicketTypes<A extends { ticketTypeId: string | null; seatId: string | null; firstName: string; lastName: string }>(
  attendees: A[], counts: Record<string, number>, create: () => A,
): A[] {
  const left = { ...counts };
  const kept: (A | null)[] = attendees.map((a) => {
    if (a.ticketTypeId && (left[a.ticketTypeId] ?? 0) > 0) { left[a.ticketTypeId]--; return a; }
    return null;
  });
  // Named spares are reused before blank ones, so typed names are not thrown away.
  const spares = attendees.filter((_, i) => kept[i] === null)
    .sort((a, b) => Number(isBlank(a)) - Number(isBlank(b)));
  const result = [...kept];
  for (const [typeId, n] of Object.entries(left)) {
    for (let k = 0; k < n; k++) {
      const spare = spares.shift();
      const a = { ...(spare ?? create()), ticketTypeId: typeId, seatId: null };
      const at = spare ? attendees.indexOf(spare) : -1;
      if (at >= 0) result[at] = a; else result.push(a);
    }
  }
  return result.filter((a): a is A => a !== null);
}

const isBlank = (a: { firstName: string; lastName: string }) => !a.firstName.trim() && !a.lastName.trim();

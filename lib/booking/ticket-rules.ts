// Rules of ticket types and seats a booking must follow. Pure functions over plain data, unit-tested.
import type { Seat, TicketType } from "@/db/schema";
import { seatLabel } from "@/db/queries/bookings";

export { seatLabel };

/** Whether a type is on sale at `now`: not retired and within its sale window. */
export function onSale(t: Pick<TicketType, "onSaleFrom" | "onSaleUntil" | "retiredAt">, now: Date): boolean {
  if (t.retiredAt) return false;
  if (t.onSaleFrom && t.onSaleFrom > now) return false;
  if (t.onSaleUntil && t.onSaleUntil <= now) return false;
  return true;
}

/** Why a seat is not sold as this type (a type sells one class of seat, or any), or null. */
export function seatClassError(seat: Pick<Seat, "section" | "row" | "number" | "seatClass">, type: Pick<TicketType, "name" | "seatClass">): string | null {
  if (!type.seatClass || type.seatClass === seat.seatClass) return null;
  return `${seatLabel(seat)} is a ${seat.seatClass} seat; choose a seat for a ${type.name} ticket`;
}

/**
 * The type a place keeps on another session of its course: the same type when that session sells it, else a type
 * of the same name (a session's own types). Null when the session sells neither.
 */
export function typeOnSession<T extends Pick<TicketType, "id" | "name">>(types: T[], place: { ticketTypeId: string; ticketType: { name: string } }): T | null {
  return types.find((t) => t.id === place.ticketTypeId) ?? types.find((t) => t.name === place.ticketType.name) ?? null;
}

/** `wheelchair`: the attendee asked for step-free access or uses a wheelchair (when known, wheelchair spaces are theirs only). */
export type PlaceChoice = { ticketTypeId?: string | null; seatId?: string | null; wheelchair?: boolean };

/**
 * Checks each attendee's type and seat against what the session offers. Returns field errors keyed by path
 * (`attendees.1.ticketTypeId`), empty when everything fits. `seats` are the session plan's seats that were
 * asked for (unknown ids are simply missing); `unavailableSeatIds` are blocked or taken ones.
 */
export function checkPlaceChoices(p: {
  attendees: PlaceChoice[];
  types: TicketType[];
  now: Date;
  seated: boolean;
  seats: Map<string, Pick<Seat, "id" | "section" | "row" | "number" | "seatClass"> & { flags?: Seat["flags"] }>;
  blockedSeatIds?: Set<string>;
  /** A presale code lets hidden ticket types be booked. */
  revealHidden?: boolean;
}): { fields: Record<string, string>; resolved: { type: TicketType; seatId: string | null }[] } {
  const fields: Record<string, string> = {};
  const byId = new Map(p.types.map((t) => [t.id, t]));
  const sellable = p.types.filter((t) => t.visible && onSale(t, p.now));
  const resolved: { type: TicketType; seatId: string | null }[] = [];
  const seatUse = new Map<string, number>();

  p.attendees.forEach((a, i) => {
    const key = `attendees.${i}`;
    let type: TicketType | undefined;
    if (a.ticketTypeId) {
      type = byId.get(a.ticketTypeId);
      if (!type) fields[`${key}.ticketTypeId`] = "This ticket type is not sold for this session";
      else if (type.retiredAt) fields[`${key}.ticketTypeId`] = `${type.name} tickets are no longer sold`;
      else if (!type.visible && !p.revealHidden) fields[`${key}.ticketTypeId`] = "This ticket type is not sold for this session";
      else if (type.onSaleFrom && type.onSaleFrom > p.now) fields[`${key}.ticketTypeId`] = `${type.name} tickets are not on sale yet`;
      else if (type.onSaleUntil && type.onSaleUntil <= p.now) fields[`${key}.ticketTypeId`] = `${type.name} tickets are no longer on sale`;
    } else if (sellable.length === 1) {
      type = sellable[0];
    } else {
      fields[`${key}.ticketTypeId`] = sellable.length ? "Choose a ticket type" : "No tickets are on sale for this session";
    }

    const seatId = a.seatId ?? null;
    if (p.seated) {
      if (!seatId) fields[`${key}.seatId`] = "Choose a seat";
      else {
        const seat = p.seats.get(seatId);
        if (!seat) fields[`${key}.seatId`] = "That seat is not part of this session's seating plan";
        else {
          seatUse.set(seatId, (seatUse.get(seatId) ?? 0) + 1);
          const label = seatLabel(seat);
          if (seatUse.get(seatId)! > 1) fields[`${key}.seatId`] = `${label} is chosen twice`;
          else if (p.blockedSeatIds?.has(seatId)) fields[`${key}.seatId`] = `${label} is not available`;
          else if (type && seatClassError(seat, type)) fields[`${key}.seatId`] = seatClassError(seat, type)!;
          else if (a.wheelchair === false && seat.flags?.includes("wheelchair"))
            fields[`${key}.seatId`] = `${label} is a wheelchair space, kept for attendees who asked for step-free access or use a wheelchair`;
        }
      }
    } else if (seatId) {
      fields[`${key}.seatId`] = "This session has no reserved seating";
    }
    if (type) resolved.push({ type, seatId });
  });

  // Minimum and maximum per booking, counted per type.
  const counts = new Map<string, number>();
  for (const r of resolved) counts.set(r.type.id, (counts.get(r.type.id) ?? 0) + 1);
  for (const [id, n] of counts) {
    const t = byId.get(id)!;
    const first = resolved.findIndex((r) => r.type.id === id);
    if (n > t.maxPerBooking) fields[`attendees.${first}.ticketTypeId`] ??= `At most ${t.maxPerBooking} ${t.name} ticket${t.maxPerBooking === 1 ? "" : "s"} per booking`;
    if (n < t.minPerBooking) fields[`attendees.${first}.ticketTypeId`] ??= `At least ${t.minPerBooking} ${t.name} tickets per booking`;
  }
  return { fields, resolved };
}

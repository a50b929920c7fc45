// Which seats suit which attendee in the seat step, and picking them: by click or list, or best available.
// Pure, unit-tested; the server checks the same class rule again (lib/booking/ticket-rules.ts).
import { bestAvailable, type PickableSeat } from "./best-available";

/** Requirement templates whose attendees are offered wheelchair spaces. */
export const WHEELCHAIR_CODES = ["access_step_free", "access_wheelchair"] as const;

/** Whether an attendee with these needs (their templates' codes) may have a wheelchair space. */
export function asksForWheelchairSpace(codes: (string | null | undefined)[]): boolean {
  return codes.some((c) => c != null && (WHEELCHAIR_CODES as readonly string[]).includes(c));
}

export type SeatSeeker = { seatClass: string | null; wheelchair: boolean; seatId: string | null };

export type ChoosableSeat = PickableSeat & { flags: string[] };

/** Whether a seat is of the attendee's class and, for a wheelchair space, whether they asked for one. */
export function seatSuits(seat: Pick<ChoosableSeat, "seatClass" | "flags">, who: Pick<SeatSeeker, "seatClass" | "wheelchair">): boolean {
  if (who.seatClass != null && seat.seatClass !== who.seatClass) return false;
  if (seat.flags.includes("wheelchair") && !who.wheelchair) return false;
  return true;
}

/**
 * What a wheelchair user's seat list says (null for anyone else): that free wheelchair spaces suit their ticket, or
 * where free ones are when none of their ticket's class is, or that none is free.
 */
export function wheelchairHint(seats: Pick<ChoosableSeat, "seatClass" | "flags" | "available">[], who: Pick<SeatSeeker, "seatClass" | "wheelchair">): string | null {
  if (!who.wheelchair) return null;
  const free = seats.filter((s) => s.available && s.flags.includes("wheelchair"));
  if (free.some((s) => seatSuits(s, who))) return "Wheelchair spaces (W) are offered: this attendee asked for step-free access or uses a wheelchair.";
  const classes = [...new Set(free.map((s) => s.seatClass))].sort();
  if (classes.length === 0) return "No wheelchair space is free on this plan: choose another seat, or contact us before booking.";
  const named = classes.length > 1 ? `${classes.slice(0, -1).join(", ")} and ${classes.at(-1)}` : classes[0];
  return `No ${who.seatClass} seat is a free wheelchair space; ${named} seats have one. Go back to Attendees to change this attendee's ticket, or choose another seat.`;
}

/** Why a seat cannot go to anyone in the booking, or null when one of them can have it. */
export function whyNotSuitable(seat: Pick<ChoosableSeat, "seatClass" | "flags">, people: Pick<SeatSeeker, "seatClass" | "wheelchair">[]): string | null {
  if (people.some((p) => seatSuits(seat, p))) return null;
  if (seat.flags.includes("wheelchair") && people.some((p) => p.seatClass == null || p.seatClass === seat.seatClass))
    return "is a wheelchair space, kept for attendees who asked for step-free access or use a wheelchair";
  return `is a ${seat.seatClass} seat, and no attendee has a ticket for ${seat.seatClass} seats`;
}

/**
 * The attendee a clicked seat goes to: the first one without a seat whom it suits, preferring those who asked
 * for a wheelchair space when it is one. Null when nobody without a seat can have it.
 */
export function nextSeeker(seat: Pick<ChoosableSeat, "seatClass" | "flags">, people: SeatSeeker[]): number | null {
  const waiting = people.map((p, i) => ({ p, i })).filter(({ p }) => !p.seatId && seatSuits(seat, p));
  if (!waiting.length) return null;
  if (seat.flags.includes("wheelchair")) return (waiting.find(({ p }) => p.wheelchair) ?? waiting[0]).i;
  return waiting[0].i;
}

/**
 * Best available for everyone: attendees who need a wheelchair space get one of their class when there is one;
 * the others of each class sit side by side (wheelchair spaces left out). Seats the booking holds already count
 * as free. Returns a seat id per attendee (unchanged where nothing fits) and the classes that found no block.
 */
export function bestSeatsFor<S extends ChoosableSeat>(seats: S[], people: SeatSeeker[]): { seatIds: (string | null)[]; unplaced: string[] } {
  const ours = new Set(people.map((p) => p.seatId).filter(Boolean));
  const free = (s: S) => s.available || ours.has(s.id);
  const taken = new Set<string>();
  const seatIds: (string | null)[] = people.map((p) => p.seatId);
  const unplaced: string[] = [];

  people.forEach((p, i) => {
    if (!p.wheelchair) return;
    const space = seats.find((s) => free(s) && !taken.has(s.id) && s.flags.includes("wheelchair") && seatSuits(s, p));
    if (space) { seatIds[i] = space.id; taken.add(space.id); }
  });
  const groups = new Map<string | null, number[]>();
  people.forEach((p, i) => {
    if (p.wheelchair && taken.has(seatIds[i] ?? "")) return;
    groups.set(p.seatClass, [...(groups.get(p.seatClass) ?? []), i]);
  });
  for (const [seatClass, members] of groups) {
    const pool = seats.map((s) => ({ ...s, available: free(s) && !taken.has(s.id) && !s.flags.includes("wheelchair") }));
    const block = bestAvailable(pool, members.length, seatClass);
    if (!block) { unplaced.push(seatClass ?? "any"); continue; }
    members.forEach((m, k) => { seatIds[m] = block[k].id; taken.add(block[k].id); });
  }
  return { seatIds, unplaced };
}

// Member prices and members-only presales for the places of a booking. Pure functions, unit-tested.
//
// A place's member price is its ticket type's price for the member's level, else its course's price for that
// level, and it only ever lowers the place's price. A presale window (on the ticket type, or on the course for
// every place) lets only members (of its levels, or of any level) book from its start until its end.
import type { MemberLevel } from "@/db/schema";
import { formatDateTimeZoned } from "@/lib/format";

export const levelNames: Record<MemberLevel, string> = { silver: "Silver", gold: "Gold", platinum: "Platinum" };

export type MemberPriceRow = { courseId: string | null; ticketTypeId: string | null; level: MemberLevel; unitAmount: number };
export type PresaleWindow = { courseId: string | null; ticketTypeId: string | null; startsAt: Date; endsAt: Date; levels: MemberLevel[] | null };

/** Each place's member price for `level` (null where neither its type nor the course has one below its price). */
export function memberPricesFor(places: { ticketTypeId: string; unitAmount: number }[], rows: MemberPriceRow[], level: MemberLevel): (number | null)[] {
  const byType = new Map(rows.filter((r) => r.ticketTypeId && r.level === level).map((r) => [r.ticketTypeId!, r.unitAmount]));
  const course = rows.find((r) => r.courseId && r.level === level)?.unitAmount ?? null;
  return places.map((p) => {
    const price = byType.get(p.ticketTypeId) ?? course;
    return price != null && price < p.unitAmount ? price : null;
  });
}

export function presaleOpen(w: PresaleWindow, now: Date) {
  return w.startsAt.getTime() <= now.getTime() && now.getTime() < w.endsAt.getTime();
}

/** Who may book during a window, in words: "members", "Gold and Platinum members". */
export function presaleAudience(levels: MemberLevel[] | null): string {
  if (!levels?.length) return "members";
  const names = levels.map((l) => levelNames[l]);
  return `${names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0]} members`;
}

/**
 * What a customer is told before choosing (course page, booking step 1): each presale window not yet over, with
 * who may book and until when, in the venue's time zone; the booking itself is refused by presaleRefusals.
 */
export function presaleNotices(windows: PresaleWindow[], typeNames: Map<string, string>, now: Date, timeZone: string): string[] {
  const at = (d: Date) => formatDateTimeZoned(d, timeZone);
  return windows
    .filter((w) => w.endsAt.getTime() > now.getTime() && (w.courseId || typeNames.has(w.ticketTypeId!)))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .map((w) => {
      const lead = w.courseId ? "Members' presale" : `${typeNames.get(w.ticketTypeId!)} tickets: members' presale`;
      const who = presaleAudience(w.levels);
      const them = w.courseId ? "" : "them ";
      return presaleOpen(w, now)
        ? `${lead} until ${at(w.endsAt)}. Only ${who} can book ${them}now; verify your membership email when you review your booking.`
        : `${lead} from ${at(w.startsAt)} until ${at(w.endsAt)}. Only ${who} can book ${them}then.`;
    });
}

/**
 * The places a customer may not book now because a presale window is open and they are not a member of its
 * levels: a field message per place (`attendees.<i>.ticketTypeId`), empty when every place may be booked.
 */
export function presaleRefusals(p: {
  places: { ticketTypeId: string; name?: string }[];
  windows: PresaleWindow[];
  level: MemberLevel | null;
  now: Date;
}): Record<string, string> {
  const fields: Record<string, string> = {};
  const course = p.windows.find((w) => w.courseId);
  p.places.forEach((place, i) => {
    const own = p.windows.find((w) => w.ticketTypeId === place.ticketTypeId);
    for (const w of [own, course]) {
      if (!w || !presaleOpen(w, p.now)) continue;
      if (p.level && (!w.levels?.length || w.levels.includes(p.level))) continue;
      fields[`attendees.${i}.ticketTypeId`] = `Until the presale ends, only ${presaleAudience(w.levels)} can book ${place.name ? `${place.name} tickets` : "this"}: verify your membership email first`;
      break;
    }
  });
  return fields;
}

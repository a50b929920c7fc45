import Link from "next/link";
import type { SessionListing } from "@/db/queries/catalog";
import { fromPrice, type PublicTicketType } from "@/lib/catalog/public-ticket-types";
import { formatMoney, formatSessionWhen } from "@/lib/format";
import { depositAvailable } from "@/lib/booking/pricing";
import { env } from "@/lib/env";

export function SessionList({ sessions, showCourse = true, ticketTypes }: {
  sessions: SessionListing[];
  showCourse?: boolean;
  /** Each session's ticket types; with several, the list shows their names and the lowest price. */
  ticketTypes?: Map<string, PublicTicketType[]>;
}) {
  if (!sessions.length) return <p className="text-stone-700">No sessions match. Try other dates or another category.</p>;
  const now = new Date();
  return (
    <ul className="grid gap-4 sm:grid-cols-2">
      {sessions.map((s) => {
        const full = s.available <= 0;
        const types = ticketTypes?.get(s.id) ?? [];
        const from = types.length > 1 ? fromPrice(types) : null;
        const seated = s.seatingPlanId != null;
        return (
          <li key={s.id} className="flex flex-col rounded-lg border border-stone-300 bg-white p-4">
            {showCourse && (
              <h3 className="text-lg font-semibold">
                <Link href={`/courses/${s.course.slug}`} className="underline-offset-4 hover:underline">{s.course.title}</Link>
              </h3>
            )}
            <p className="text-sm text-stone-600">{s.course.category}</p>
            <p className="mt-2 font-medium">{formatSessionWhen(s.startsAt, s.endsAt, s.venue.timeZone)}</p>
            <p className="text-stone-700">{s.venue.name}, {s.venue.city}</p>
            {from != null ? (
              <p className="text-stone-700">
                From {formatMoney(from, s.course.currency)} per person
                <span className="block text-sm">
                  {types.map((t) => `${t.name} ${formatMoney(t.priceAmount, t.currency)}${t.onSale && t.available <= 0 ? " (sold out)" : !t.onSale ? " (not on sale)" : ""}`).join(" · ")}
                </span>
                {!full && types.some((t) => t.onSale && t.available <= 0) && (
                  <Link href={`/waitlist/join?session=${s.id}`} className="block text-sm font-medium text-brand-700 underline">
                    Waiting list for a sold-out ticket type<span className="sr-only"> of {s.course.title}, {formatSessionWhen(s.startsAt, s.endsAt, s.venue.timeZone)}</span>
                  </Link>
                )}
              </p>
            ) : (
              <p className="text-stone-700">
                {formatMoney(types.length === 1 ? types[0].priceAmount : s.course.priceAmount, s.course.currency)} per person
                {/* Only while a deposit can still be taken: none once the balance would already be due. */}
                {depositAvailable({ depositAmount: s.course.depositAmount, sessionStartsAt: s.startsAt, daysBefore: env().BALANCE_DUE_DAYS, now }) && <> · deposit option</>}
              </p>
            )}
            {seated && !full && <p className="text-sm font-medium text-stone-800">Reserved seating: choose seats when you book</p>}
            <div className="mt-3 flex flex-1 items-end justify-between gap-2">
              <span className={`rounded px-2 py-0.5 text-sm font-semibold ${full ? "bg-stone-200 text-stone-800" : s.available <= 3 ? "bg-amber-100 text-amber-900" : "bg-brand-50 text-brand-800"}`}>
                {full ? "Sold out" : `${s.available} ${s.available === 1 ? "place" : "places"} left`}
              </span>
              {full ? (
                <span className="text-right text-sm text-stone-600">Fully booked
                  <Link href={`/waitlist/join?session=${s.id}`} className="block font-medium text-brand-700 underline">
                    Join the waiting list<span className="sr-only"> for {s.course.title}, {formatSessionWhen(s.startsAt, s.endsAt, s.venue.timeZone)}</span>
                  </Link>
                </span>
              ) : (
                <Link href={`/book/${s.course.slug}?session=${s.id}`}
                  className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
                  {seated ? "Choose seats" : "Book"}<span className="sr-only"> {s.course.title}, {formatSessionWhen(s.startsAt, s.endsAt, s.venue.timeZone)}</span>
                </Link>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

import type { Metadata } from "next";
import { amountOwed } from "@/lib/booking/balance";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { courses } from "@/db/schema";
import { listRequirementTemplates } from "@/db/queries/catalog";
import { sessionTicketTypes } from "@/db/queries/ticket-types";
import { attendeesLeftToAdd } from "@/lib/booking/added-place-types";
import { placeSummary } from "@/lib/booking/place-summary";
import { AddAttendeeForm, AttendeeForm, MoveForm } from "@/components/customer/forms";
import { BookingHistory } from "@/components/customer/booking-history";
import { bookingHistory, changeBlocker, changeCutoffAt } from "@/lib/booking/change-booking";
import { addAttendeeOptions, moveOptions, myBooking, placeCancelledText } from "@/lib/customer/my-bookings";
import { currentCustomer } from "@/lib/customer/session-cookie";
import { formatDate, formatMoney, formatSessionWhen, formatTimeZoned } from "@/lib/format";
import { addAttendee, moveSession, saveAttendee } from "../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Change a booking", robots: { index: false } };

export default async function ChangeBookingPage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const customer = await currentCustomer();
  if (!customer) redirect("/my-bookings");
  const db = getDb();
  const mine = await myBooking(db, customer, reference);
  if (!mine) notFound();
  const { role, detail: d } = mine;
  const b = d.booking;
  const tz = d.venue.timeZone;
  const [course] = await db.select({ cutoffHours: courses.changeCutoffHours }).from(courses).where(eq(courses.id, d.course.id));
  const now = new Date();
  const active = d.attendees.filter((a) => !a.cancelledAt);
  const blocker = changeBlocker({ booking: b, sessionStatus: d.session.status, startsAt: d.session.startsAt, cutoffHours: course.cutoffHours, timeZone: tz, now })
    ?? (active.length === 0 ? placeCancelledText(role === "booker") : null);
  const cutoff = changeCutoffAt(d.session.startsAt, course.cutoffHours);
  const templates = (await listRequirementTemplates(db)).map((t) => ({ id: t.id, label: t.label, hint: t.hint, detailsRequired: t.detailsRequired }));
  const booker = role === "booker";
  const seated = d.session.seatingPlanId != null || b.spanStartsAt != null;
  const options = booker && !blocker && !seated ? await moveOptions(db, d, course.cutoffHours, now) : [];
  // Adding someone: with more than one type on sale, they choose theirs; with one, the place is of that type, as ever.
  const adding = booker && !blocker && !seated ? await addAttendeeOptions(db, d, now) : null;
  const selling = adding?.choices.filter((c) => c.onSale) ?? [];
  const newPlace = selling[0];
  const history = booker ? await bookingHistory(db, b.id) : [];
  const money = (n: number) => formatMoney(n, b.currency);
  const currentPrice = active.reduce((acc, a) => acc + a.unitAmount, 0);
  const owed = amountOwed(b);
  // Each place names its ticket type where the session sells more than one (or the booking holds more than one),
  // as the booking page and the emails do; a session with one "Standard" type reads as before.
  const publicTypes = (await sessionTicketTypes(db, d.session.id)).filter((t) => t.visible).length;
  const typesShown = Math.max(publicTypes, new Set(active.map((a) => a.ticketTypeId)).size);
  // Cancelled places keep their numbers: the same rule the change itself applies (added-place-types.ts).
  const addable = attendeesLeftToAdd(d.attendees.length);

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p><Link href="/my-bookings" className="font-medium text-brand-700 underline">Back to my bookings</Link></p>
      <h1 className="text-3xl font-bold">{booker ? "Change your booking" : "Change your details"}</h1>
      <section aria-labelledby="summary" className="rounded-lg border border-stone-300 bg-white p-5">
        <h2 id="summary" className="text-lg font-semibold">{d.course.title}</h2>
        <p>{formatSessionWhen(d.session.startsAt, d.session.endsAt, tz)} · {d.venue.name}</p>
        <p>Reference <span className="font-mono">{b.reference}</span></p>
        {blocker
          ? <p role="alert" className="mt-2 rounded-md border-2 border-amber-600 bg-amber-50 p-3">{blocker}</p>
          : <p className="mt-2">You can make changes here until {formatDate(cutoff, tz)} at {formatTimeZoned(cutoff, tz)}. Each change is emailed to you with the tickets again.</p>}
      </section>

      {!blocker && (
        <section aria-labelledby="attendees" className="space-y-6 rounded-lg border border-stone-300 bg-white p-5">
          <h2 id="attendees" className="text-xl font-semibold">{booker ? "Attendees" : "Your place"}</h2>
          {active.map((a) => (
            <AttendeeForm key={a.id} action={saveAttendee} reference={b.reference} templates={templates} place={placeSummary(a, typesShown)}
              attendee={{ id: a.id, position: a.position, firstName: a.firstName, lastName: a.lastName, email: a.email, requirements: a.requirements.map((r) => ({ templateId: r.templateId, details: r.details })) }} />
          ))}
        </section>
      )}

      {!blocker && booker && adding && newPlace && addable === 0 && (
        <section aria-label="Add an attendee" className="rounded-lg border border-stone-300 bg-white p-5">
          <h3 className="text-lg font-semibold">Add an attendee</h3>
          <p>This booking has had 12 attendees, the most one booking can have (cancelled places count too). To bring more people, make a new booking.</p>
        </section>
      )}

      {!blocker && booker && adding && newPlace && addable > 0 && (
        <section aria-label="Add an attendee" className="rounded-lg border border-stone-300 bg-white p-5">
          {selling.length > 1 && !adding.defaultId ? (
            <>
              <h3 className="text-lg font-semibold">Add an attendee</h3>
              <p>No attendee can be added now:</p>
              <ul className="list-disc pl-5">
                {adding.choices.map((c) => <li key={c.id}>{c.name}: {c.unavailable}</li>)}
              </ul>
            </>
          ) : (
            <AddAttendeeForm action={addAttendee} reference={b.reference} templates={templates} priceText={money(newPlace.priceAmount)}
              owedText={amountOwed(b) > 0 ? money(amountOwed(b)) : null}
              {...(selling.length > 1 ? {
                defaultTicketTypeId: adding.defaultId!,
                ticketTypes: adding.choices.map((c) => ({
                  id: c.id, name: c.name, priceText: money(c.priceAmount), disabled: c.unavailable !== null,
                  label: `${c.name}: ${money(c.priceAmount)}${c.unavailable ? ` (${c.unavailable})` : c.quota !== null ? ` (${c.available} left)` : ""}`,
                })),
              } : {})} />
          )}
        </section>
      )}

      {!blocker && booker && !seated && (
        <section aria-label="Move to another date" className="rounded-lg border border-stone-300 bg-white p-5">
          {options.length === 0 ? <p>There is no other date of this course to move to.</p> : (
            <MoveForm action={moveSession} reference={b.reference} owedText={money(owed)} sessions={options.map((o) => ({
              id: o.id, disabled: !o.fits, balanceDueNow: o.balanceDueNow,
              label: `${formatSessionWhen(o.startsAt, o.endsAt, o.timeZone)}, ${o.venueName}${o.fits ? ` (${o.left} places left)` : " (full)"}${o.balanceDueNow ? ", balance due at once" : ""}`,
            }))} />
          )}
          <p className="mt-2 text-sm text-stone-700">Your places now cost {money(currentPrice)} together. If the new date costs more you pay the difference at the checkout; if it costs less we refund the difference with a credit note.
            {options.some((o) => o.balanceDueNow) && <> On a date marked &ldquo;balance due at once&rdquo; the {money(owed)} still owed on this booking falls due as soon as you move, and we take you straight to the checkout to pay it.</>}</p>
        </section>
      )}

      {!blocker && booker && seated && (
        <p className="rounded-lg border border-stone-300 bg-white p-5">
          {b.spanStartsAt ? "Bookings by the hour are moved and extended by staff: contact us." : "Bookings with reserved seats are moved, and seats changed, by staff: contact us."}
        </p>
      )}

      {booker && <BookingHistory history={history} timeZone={tz} />}
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { blockSessionSeats, cancelSession, deleteSession, messageSessionBookersAction, setSessionSeatingPlan, unblockSessionSeats, updateSession } from "@/app/admin/sessions/actions";
import { SessionMessageForm } from "@/components/admin/catalog/session-message-form";
import { moveWaitlistEntryAction, offerWaitlistEntry, removeWaitlistEntry } from "@/app/admin/sessions/waitlist-actions";
import { deleteTicketType, moveTicketType, retireTicketType, unretireTicketType } from "@/app/admin/ticket-types/actions";
import { ActionButton } from "@/components/admin/action-button";
import { CancelSessionForm } from "@/components/admin/catalog/cancel-session-form";
import { SessionForm } from "@/components/admin/catalog/session-form";
import { TicketTypeTable } from "@/components/admin/catalog/ticket-type-table";
import { SeatBlocker, SessionPlanForm } from "@/components/admin/seating/session-seating";
import { ArrivalsSummary } from "@/components/admin/arrivals-summary";
import { LiveUpdates } from "@/components/admin/requirements/live-updates";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { slotOfferings } from "@/db/schema";
import { sessionArrivals } from "@/lib/check-in/arrivals";
import { courseOptions, getSessionForAdmin, searchBookings, sessionRefundPreview, venueOptions } from "@/db/queries/admin";
import { getSessionAvailability } from "@/db/queries/catalog";
import { sessionSeatClaims, sessionSeatsForStaff, venueSeatingPlans } from "@/db/queries/admin-seating";
import { ticketTypesForStaff } from "@/db/queries/admin-ticket-types";
import { requireStaffPage } from "@/lib/auth/guard";
import { instantToLocal } from "@/lib/catalog/sessions";
import { formatMoney, formatSessionWhen } from "@/lib/format";
import { isUuid } from "@/lib/validations/ids";
import { WaitlistTable } from "@/components/admin/waitlist-table";
import { env } from "@/lib/env";
import { listWaitlist } from "@/lib/self-service/waitlist";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Session" };

const ticketTypeActions = { moveTicketType, retireTicketType, unretireTicketType, deleteTicketType };
const statusText = { pending: "Awaiting payment", confirmed: "Confirmed", expired: "Expired", cancelled: "Cancelled", refunded: "Refunded" } as const;

export default async function SessionAdminPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaffPage(["admin"]);
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const db = getDb();
  const data = await getSessionForAdmin(db, id);
  if (!data) notFound();
  const { session: s, course, venue, bookingCount } = data;
  const [courses, venues, bookingPage, ownTypes, courseTypes, plans, seatMap, claims, availability, [slotOffering]] = await Promise.all([
    courseOptions(db), venueOptions(db), searchBookings(db, { sessionId: id }),
    ticketTypesForStaff(db, { courseId: s.courseId, sessionId: id }), ticketTypesForStaff(db, { courseId: s.courseId, sessionId: null }),
    venueSeatingPlans(db, s.venueId), sessionSeatsForStaff(db, id), sessionSeatClaims(db, id), getSessionAvailability(db, id),
    db.select({ capacityPerSlot: slotOfferings.capacityPerSlot, slotMinutes: slotOfferings.slotMinutes }).from(slotOfferings).where(eq(slotOfferings.courseId, s.courseId)),
  ]);
  // A day of a time-slot offering: booked by the slot, its hours, places and rates set on the offering.
  const slotDay = slotOffering ?? null;
  // As the catalogue and the availability API count them: live holds only, and never more than the seats free to sell.
  const left = availability?.available ?? 0;
  const tz = venue.timeZone;
  const cancelled = s.status === "cancelled";
  const confirmed = bookingPage.rows.filter((r) => r.booking.status === "confirmed").length;

  return (
    <div className="space-y-6">
      <Link href="/admin/sessions" className="underline">All sessions</Link>
      <div className="space-y-1">
        <h1 className="text-3xl font-bold">{course.title}</h1>
        <p className="text-lg">{formatSessionWhen(s.startsAt, s.endsAt, tz)} · {venue.name}, {venue.city}</p>
        {cancelled && <p className="inline-block rounded-md bg-red-700 px-3 py-1 font-semibold text-white">Cancelled</p>}
        {/* Each booking is refunded and told by a job of its own after the cancellation: the page follows them. */}
        {cancelled && confirmed > 0 && (
          <p role="status" className="rounded-md border-2 border-amber-500 bg-amber-50 p-3">
            Session cancelled. Refunding and emailing {confirmed} {confirmed === 1 ? "booking" : "bookings"}: this page updates as each is done.
          </p>
        )}
        <RefreshWhile active={cancelled && confirmed > 0} />
        {slotDay ? (
          <p className="text-stone-700">
            A day of a time-slot offering: {s.placesBooked} {s.placesBooked === 1 ? "place" : "places"} booked and {s.placesHeld} held in checkout over the day,
            at most {slotDay.capacityPerSlot} per {slotDay.slotMinutes}-minute slot. Opening hours, places per slot and rates are set on
            the <Link href={`/admin/offerings/${s.courseId}`} className="underline">offering&apos;s page</Link>.
          </p>
        ) : (
          <>
            <p className="text-stone-700">{s.placesBooked} booked, {s.placesHeld} held (checkouts and waiting-list offers), {s.capacity} places in total.</p>
            {!cancelled && <p className="text-stone-700">{left} {left === 1 ? "place" : "places"} left to book{s.seatingPlanId ? " (seats blocked by staff are not for sale)" : ""}.</p>}
          </>
        )}
        {!cancelled && <p><Link href={`/admin/requirements?session=${id}`} className="underline">Requirements and checklist for this session</Link></p>}
      </div>
      {!cancelled && (
        <section aria-label="Arrivals" className="max-w-3xl space-y-2">
          <LiveUpdates sessionId={id} />
          <ArrivalsSummary sessionId={id} arrivals={await sessionArrivals(db, id)} title={course.title} />
        </section>
      )}

      {!cancelled && !slotDay && (
        <section aria-labelledby="edit" className="max-w-3xl space-y-3">
          <h2 id="edit" className="text-xl font-semibold">Details</h2>
          <SessionForm id={id} save={updateSession}
            initial={{ courseId: s.courseId, venueId: s.venueId, startsAt: instantToLocal(s.startsAt, tz), endsAt: instantToLocal(s.endsAt, tz), capacity: String(s.capacity), checkOutRequired: s.checkOutRequired }}
            courses={courses.filter((c) => c.status === "active" || c.id === s.courseId).map((c) => ({ id: c.id, label: c.title }))}
            venues={venues.filter((v) => !v.archivedAt || v.id === s.venueId).map((v) => ({ id: v.id, label: `${v.name}, ${v.city}`, timeZone: v.timeZone }))}
            sold={{ booked: s.placesBooked, held: s.placesHeld }} />
        </section>
      )}

      {!slotDay && <section id="waiting-list" aria-labelledby="waiting-list-h" className="max-w-5xl space-y-3">
        <h2 id="waiting-list-h" className="text-xl font-semibold">Waiting list</h2>
        <p className="text-sm text-stone-700">Freed places are offered down the list automatically and held for the customer for {env().WAITLIST_OFFER_HOURS} hours.</p>
        <WaitlistTable entries={await listWaitlist(db, id)} timeZone={tz} editable={!cancelled}
          actions={{ moveWaitlistEntryAction, offerWaitlistEntry, removeWaitlistEntry }} />
      </section>}

      {!slotDay && <>
      <section id="ticket-types" aria-labelledby="ticket-types-h" className="max-w-4xl space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="ticket-types-h" className="text-xl font-semibold">Ticket types</h2>
          {!cancelled && <Link href={`/admin/ticket-types/new?course=${s.courseId}&session=${id}`} className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">Add a type for this session only</Link>}
        </div>
        {ownTypes.length > 0 ? (
          <>
            <p className="text-sm text-stone-700">This session sells its own types below, not the course&apos;s. Delete them all to sell the course&apos;s types again.</p>
            <TicketTypeTable types={ownTypes} currency={course.currency} timeZone={tz} editable={!cancelled} actions={ticketTypeActions} />
          </>
        ) : (
          <>
            <p className="text-sm text-stone-700">This session sells the <Link href={`/admin/courses/${s.courseId}#ticket-types`} className="underline">course&apos;s ticket types</Link>. Adding a type here replaces them for this session only.</p>
            <TicketTypeTable types={courseTypes} currency={course.currency} timeZone={tz} editable={false} actions={ticketTypeActions} />
          </>
        )}
      </section>

      <section id="seating" aria-labelledby="seating-h" className="space-y-3">
        <h2 id="seating-h" className="text-xl font-semibold">Seating</h2>
        {!cancelled && (
          <div className="max-w-3xl">
            <SessionPlanForm sessionId={id} planId={s.seatingPlanId} setSessionSeatingPlan={setSessionSeatingPlan}
              plans={plans.filter(({ plan }) => !plan.archivedAt || plan.id === s.seatingPlanId).map(({ plan, seats }) => ({ id: plan.id, label: `${plan.name} (${seats} seats)` }))}
              locked={claims > 0 ? `${claims} ${claims === 1 ? "seat is" : "seats are"} held, booked or blocked: the plan can change only when none is.` : null} />
          </div>
        )}
        {!seatMap ? <p className="text-stone-700">No seating plan: places have no seat numbers.</p>
          : cancelled ? <p className="text-stone-700">The session is cancelled: its seats can no longer be blocked or unblocked.</p>
          : <SeatBlocker sessionId={id} seats={seatMap.seats} blockSessionSeats={blockSessionSeats} unblockSessionSeats={unblockSessionSeats} />}
      </section>
      </>}

      <section aria-labelledby="bookings" className="space-y-3">
        <h2 id="bookings" className="text-xl font-semibold">Bookings ({bookingCount})</h2>
        {bookingPage.rows.length === 0 ? <p className="text-stone-700">No bookings yet.</p> : (
          <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
            <table className="w-full text-left">
              <thead className="bg-stone-100 text-sm"><tr>
                <th scope="col" className="p-3">Reference</th><th scope="col" className="p-3">Contact</th>
                <th scope="col" className="p-3">Attendees</th><th scope="col" className="p-3">Status</th><th scope="col" className="p-3">Paid</th>
              </tr></thead>
              <tbody>
                {bookingPage.rows.map(({ booking: b }) => (
                  <tr key={b.id} className="border-t border-stone-200">
                    <td className="p-3"><Link href={`/admin/bookings/${b.reference}`} className="font-mono underline">{b.reference}</Link></td>
                    <td className="p-3">{b.contactName}</td><td className="p-3">{b.attendeeCount}</td>
                    <td className="p-3">{statusText[b.status]}</td><td className="p-3">{formatMoney(b.amountPaid, b.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {!cancelled && confirmed > 0 && (
        <section aria-labelledby="message-bookers" className="max-w-3xl space-y-3">
          <h2 id="message-bookers" className="text-xl font-semibold">Message the bookers</h2>
          <SessionMessageForm sessionId={id} bookers={confirmed} messageSessionBookersAction={messageSessionBookersAction} />
        </section>
      )}

      {!cancelled && (
        <section aria-labelledby="cancel" className="max-w-3xl space-y-3">
          <h2 id="cancel" className="text-xl font-semibold">Cancel or delete</h2>
          {bookingCount === 0 ? (
            <div className="space-y-2 rounded-lg border border-stone-300 bg-white p-5">
              <p>Nobody has booked this session, so it can be deleted.</p>
              <ActionButton action={deleteSession} input={{ id }} danger confirm="Delete this session? This cannot be undone."
                busyLabel="Deleting…" redirectTo="/admin/sessions">Delete session</ActionButton>
            </div>
          ) : <p className="text-stone-700">This session has bookings, so it cannot be deleted; cancel it instead.</p>}
          <CancelSessionForm id={id} confirmedBookings={confirmed} cancelSession={cancelSession}
            refundTotal={(await sessionRefundPreview(db, id)).map((r) => formatMoney(r.amount, r.currency)).join(" and ") || null} />
        </section>
      )}
    </div>
  );
}

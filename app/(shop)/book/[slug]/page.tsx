import { Suspense } from "react";
import { cookies } from "next/headers";
import { formatDate, formatTimeZoned } from "@/lib/format";
import { OFFER_COOKIE, offerFromCookie } from "@/lib/self-service/offer-cookie";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { getDb } from "@/db";
import { getCourseBySlug, listRequirementTemplates, listUpcomingSessions } from "@/db/queries/catalog";
import { ticketAvailability } from "@/db/queries/ticket-types";
import { presentTicketTypes } from "@/lib/catalog/public-ticket-types";
import { balanceDueAt, depositAvailable } from "@/lib/booking/pricing";
import { env } from "@/lib/env";
import { BookingWizard } from "@/components/booking/wizard";
import { previewPrice, requestMemberVerification, startCheckout } from "@/app/(shop)/book/actions";
import { revealPresaleTickets } from "@/app/(shop)/book/presale-actions";
import { wizardSlotOffering } from "@/lib/booking/wizard-slot-offering";
import { listCourseQuestions } from "@/db/queries/questions";
import { policyOf, policySentences } from "@/lib/self-service/cancellation-policy";
import { currentCustomer } from "@/lib/customer/session-cookie";
import { presaleWindowsOfCourse } from "@/lib/members/checkout";
import { presaleNotices } from "@/lib/members/member-pricing";
import { PresaleNotice } from "@/components/catalog/presale-notice";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Book" };

export default async function BookPage({ params, searchParams }: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ session?: string }>;
}) {
  const { slug } = await params;
  const { session } = await searchParams;
  const db = getDb();
  const course = await getCourseBySlug(db, slug);
  if (!course) notFound();
  const [upcoming, templates] = await Promise.all([listUpcomingSessions(db, { courseId: course.id }), listRequirementTemplates(db)]);
  // A waiting-list offer (from its email link) holds places on one session for this customer: they count as free here.
  const offer = await offerFromCookie(db, (await cookies()).get(OFFER_COOKIE)?.value);
  const heldFor = (id: string) => (offer && offer.sessionId === id ? offer.places : 0);
  const sessions = upcoming.map((s) => ({ ...s, available: s.available + heldFor(s.id) }));
  const types = await ticketAvailability(db, sessions);
  const now = new Date();
  const days = env().BALANCE_DUE_DAYS;
  // A customer who proved their email by a one-use link (a member verifying at checkout, or from "my bookings").
  const customer = await currentCustomer();
  // Time-slot offerings start with a date and span instead of a session.
  const slotOffering = course.kind === "time_slots" ? await wizardSlotOffering(db, course.id, now) : null;
  const typeNames = new Map([...types.values()].flat().filter((t) => t.visible).map((t) => [t.id, t.name]));
  const notices = presaleNotices(await presaleWindowsOfCourse(db, course.id), typeNames, now, sessions[0]?.venue.timeZone ?? env().STAFF_TIME_ZONE);
  const questions = (await listCourseQuestions(db, course.id)).map((q) => ({
    id: q.id, kind: q.kind, scope: q.scope, label: q.label, help: q.help, required: q.required, options: q.options,
  }));
  return (
    <Suspense fallback={<p role="status">Loading…</p>}>
      {offer && sessions.some((s) => s.id === offer.sessionId) && (
        <p className="mx-auto mb-4 max-w-2xl rounded-md border-2 border-accent-500 bg-white p-3" data-testid="offer-banner">
          From the waiting list: {offer.places} place{offer.places === 1 ? " is" : "s are"} held for you until {formatTimeZoned(offer.expiresAt, sessions.find((s) => s.id === offer.sessionId)!.venue.timeZone)}{" "}
          on {formatDate(offer.expiresAt, sessions.find((s) => s.id === offer.sessionId)!.venue.timeZone)}.
        </p>
      )}
      {notices.length > 0 && <div className="mx-auto mb-4 max-w-2xl"><PresaleNotice notices={notices} /></div>}
      <BookingWizard
        course={{ slug: course.slug, title: course.title, priceAmount: course.priceAmount, depositAmount: course.depositAmount, currency: course.currency,
          cancellationPolicy: policySentences(policyOf(course), course.currency, {
            deposit: course.depositAmount != null || [...types.values()].some((list) => list.some((t) => t.depositAmount != null)),
          }), verifiedEmail: customer?.email ?? null }}
        sessions={sessions.map((s) => {
          const ticketTypes = presentTicketTypes(types.get(s.id), course.currency, now);
          // A deposit is offered when a type has one (the server decides by the types chosen) and there is time.
          const typeDeposit = ticketTypes.some((t) => t.depositAmount != null) ? 1 : null;
          return {
          id: s.id,
          startsAt: s.startsAt.toISOString(),
          endsAt: s.endsAt.toISOString(),
          timeZone: s.venue.timeZone,
          venueName: s.venue.name,
          venueCity: s.venue.city,
          capacity: s.capacity,
          available: s.available,
          depositAvailable: depositAvailable({ depositAmount: typeDeposit, sessionStartsAt: s.startsAt, daysBefore: days, now }),
          balanceDueAt: typeDeposit != null ? balanceDueAt(s.startsAt, days).toISOString() : null,
          seated: s.seatingPlanId != null,
          ticketTypes: heldFor(s.id) ? ticketTypes.map((t) => ({ ...t, available: Math.min(s.available, t.available + heldFor(s.id)) })) : ticketTypes,
          heldForYou: heldFor(s.id) || undefined,
          };
        })}
        templates={templates.map((t) => ({
          id: t.id, code: t.code, label: t.label, hint: t.hint, category: t.category, priority: t.priority, detailsRequired: t.detailsRequired,
        }))}
        initialSessionId={sessions.some((s) => s.id === session && s.available > 0) ? session! : null}
        retentionDays={env().REQUIREMENT_RETENTION_DAYS}
        slotOffering={slotOffering}
        questions={questions}
        startCheckout={startCheckout}
        previewPrice={previewPrice}
        requestMemberVerification={requestMemberVerification}
        revealPresaleTickets={revealPresaleTickets}
      />
    </Suspense>
  );
}

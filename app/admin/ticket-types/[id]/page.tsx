import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { updateTicketType } from "@/app/admin/ticket-types/actions";
import { TicketTypeForm } from "@/components/admin/catalog/ticket-type-form";
import { getDb } from "@/db";
import { ticketTypeForStaff } from "@/db/queries/admin-ticket-types";
import { requireStaffPage } from "@/lib/auth/guard";
import { instantToLocal } from "@/lib/catalog/sessions";
import { env } from "@/lib/env";
import { moneyInput } from "@/lib/validations/catalog";
import { isUuid } from "@/lib/validations/ids";
import { MemberOffersForm } from "@/components/admin/catalog/member-offers-form";
import { updateMemberOffers } from "@/app/admin/member-offers/actions";
import { memberOffersInitial } from "@/lib/members/offers";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Ticket type" };

export default async function TicketTypePage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaffPage(["admin"]);
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const data = await ticketTypeForStaff(getDb(), id);
  if (!data) notFound();
  const { type: t, course, session, placesLive } = data;
  const tz = session?.timeZone ?? env().STAFF_TIME_ZONE;
  const local = (d: Date | null) => (d ? instantToLocal(d, tz) : "");
  const offers = await memberOffersInitial(getDb(), { target: "ticket_type", id: t.id }, course.currency);
  const backTo = session ? `/admin/sessions/${session.id}#ticket-types` : `/admin/courses/${course.id}#ticket-types`;
  return (
    <div className="max-w-3xl space-y-6">
      <Link href={backTo} className="underline">Back to {session ? "the session" : course.title}</Link>
      <h1 className="text-3xl font-bold">{t.name}{t.retiredAt && <span className="ml-2 text-lg text-stone-600">(retired)</span>}</h1>
      <p>{session ? `A type of one session of ${course.title}.` : `A default type of ${course.title}.`} {placesLive} {placesLive === 1 ? "place" : "places"} sold or in checkout.</p>
      <TicketTypeForm save={updateTicketType} id={t.id} courseId={course.id} sessionId={t.sessionId} sold={placesLive} backTo={backTo}
        timeZone={session ? `${session.venueName}'s time zone (${tz})` : `the staff time zone (${tz})`}
        initial={{
          currency: course.currency, name: t.name, description: t.description ?? "", price: moneyInput(t.priceAmount, course.currency),
          deposit: moneyInput(t.depositAmount, course.currency), quota: t.quota == null ? "" : String(t.quota), seatClass: t.seatClass ?? "",
          onSaleFrom: local(t.onSaleFrom), onSaleUntil: local(t.onSaleUntil), minPerBooking: String(t.minPerBooking),
          maxPerBooking: String(t.maxPerBooking), visible: t.visible,
        }} />
      <MemberOffersForm save={updateMemberOffers} target="ticket_type" id={t.id} currency={course.currency} listPrice={moneyInput(t.priceAmount, course.currency)}
        timeZone={`the staff time zone (${env().STAFF_TIME_ZONE})`} initial={offers} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { RequestLinkForm } from "@/components/customer/forms";
import { Membership } from "@/components/customer/membership";
import { env } from "@/lib/env";
import { memberPointsForEmail } from "@/lib/members/ledger";
import { listMyBookings } from "@/lib/customer/my-bookings";
import { currentCustomer } from "@/lib/customer/session-cookie";
import { formatSessionWhen } from "@/lib/format";
import { requestLink, signOut } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My bookings", robots: { index: false } };

const statusText: Record<string, string> = { pending: "Awaiting payment", confirmed: "Confirmed", refunded: "Refunded", cancelled: "Cancelled", expired: "Not completed" };

export default async function MyBookingsPage() {
  const customer = await currentCustomer();
  if (!customer) {
    return (
      <div className="mx-auto max-w-md space-y-6">
        <h1 className="text-3xl font-bold">My bookings</h1>
        <p className="text-stone-700">Enter the email address you booked with, or that was given for you as an attendee. We will email you a link to see and change your bookings. No account or password is needed.</p>
        <RequestLinkForm action={requestLink} />
      </div>
    );
  }
  const list = await listMyBookings(getDb(), customer);
  const membership = await memberPointsForEmail(getDb(), customer.email);
  const upcoming = list.filter((b) => b.upcoming);
  const past = list.filter((b) => !b.upcoming);
  const doc = (reference: string, token: string, number: string) => `/bookings/${reference}/documents/${number}?token=${encodeURIComponent(token)}`;
  const section = (title: string, id: string, items: typeof list) => (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-xl font-semibold">{title}</h2>
      {items.length === 0 ? <p className="text-stone-700">None.</p> : (
        <ul className="space-y-3">
          {items.map((b) => (
            <li key={b.bookingId} className="rounded-lg border border-stone-300 bg-white p-4" data-testid="my-booking">
              <h3 className="text-lg font-semibold">{b.courseTitle}</h3>
              <p>{formatSessionWhen(b.startsAt, b.endsAt, b.timeZone)} · {b.venueName}</p>
              <p>Reference <span className="font-mono">{b.reference}</span> · <strong>{statusText[b.status] ?? b.status}</strong>
                {b.role === "attendee" && <> · you are an attendee</>}</p>
              <p className="text-stone-700">{b.role === "booker" ? "Attendees" : "Your place"}: {b.places.map((p) => p.cancelled ? `${p.name} (cancelled)` : p.name).join(", ")}</p>
              <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
                {b.accessToken && <li><a className="font-medium text-brand-700 underline" href={`/bookings/${b.reference}?token=${encodeURIComponent(b.accessToken)}`}>Booking, payments and tickets<span className="sr-only"> for {b.reference}</span></a></li>}
                {b.accessToken && b.status === "confirmed" && <li><a className="font-medium text-brand-700 underline" href={`/api/v1/bookings/${b.reference}/tickets.pdf?token=${encodeURIComponent(b.accessToken)}`}>Tickets (PDF)<span className="sr-only"> for {b.reference}</span></a></li>}
                {b.accessToken && b.invoiceNumber && <li><a className="font-medium text-brand-700 underline" href={doc(b.reference, b.accessToken, b.invoiceNumber)}>Invoice {b.invoiceNumber}</a></li>}
                {b.accessToken && b.creditNoteNumbers.map((n) => <li key={n}><a className="font-medium text-brand-700 underline" href={doc(b.reference, b.accessToken!, n)}>Credit note {n}</a></li>)}
                {b.status === "confirmed" && b.upcoming && !b.changeBlocker && <li><Link className="font-medium text-brand-700 underline" href={`/my-bookings/${b.reference}`}>{b.role === "booker" ? "Change this booking" : "Change my details"}<span className="sr-only"> ({b.reference})</span></Link></li>}
              </ul>
              {b.status === "confirmed" && b.upcoming && b.changeBlocker && <p className="mt-2 text-sm text-stone-700">{b.changeBlocker}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">My bookings</h1>
        <form action={signOut}><button type="submit" className="rounded-md border border-stone-300 bg-white px-4 py-2 font-semibold">Sign out</button></form>
      </div>
      <p className="text-stone-700">Signed in as <strong>{customer.email}</strong>.</p>
      {membership && <Membership data={membership} timeZone={env().FINANCE_TIME_ZONE} />}
      {section("Upcoming", "upcoming", upcoming)}
      {section("Past", "past", past)}
    </div>
  );
}

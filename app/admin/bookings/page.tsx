import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { courseOptions, searchBookings, type BookingSearch } from "@/db/queries/admin";
import { requireStaffPage } from "@/lib/auth/guard";
import { bookingValue } from "@/lib/booking/balance";
import { paymentStatusFilterText, paymentStatusText } from "@/lib/booking/payment-status";
import { formatDate, formatMoney } from "@/lib/format";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Bookings" };

const input = "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2.5";
const STATUSES = { pending: "Awaiting payment", confirmed: "Confirmed", expired: "Expired", cancelled: "Cancelled", refunded: "Refunded" } as const;
const date = (v?: string) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

type SP = { q?: string; status?: string; payment?: string; course?: string; session?: string; from?: string; to?: string; page?: string };

export default async function BookingsAdminPage({ searchParams }: { searchParams: Promise<SP> }) {
  await requireStaffPage(["admin", "finance"]);
  const sp = await searchParams;
  const search: BookingSearch = {
    q: sp.q?.slice(0, 200),
    status: (Object.keys(STATUSES) as (keyof typeof STATUSES)[]).find((s) => s === sp.status),
    paymentStatus: (Object.keys(paymentStatusFilterText) as (keyof typeof paymentStatusFilterText)[]).find((s) => s === sp.payment),
    courseId: sp.course && isUuid(sp.course) ? sp.course : undefined,
    sessionId: sp.session && isUuid(sp.session) ? sp.session : undefined,
    from: date(sp.from), to: date(sp.to),
    page: Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1),
  };
  // Dates the wrong way round are said so (as on the sales dashboard), not answered with an empty list.
  const reversed = Boolean(search.from && search.to && search.to < search.from);
  const db = getDb();
  const [result, courses] = await Promise.all([
    reversed ? { rows: [], page: 1, hasMore: false } : searchBookings(db, search), courseOptions(db),
  ]);
  const pageLink = (page: number) => {
    const q = new URLSearchParams(Object.entries(sp).filter(([k, v]) => k !== "page" && typeof v === "string" && v) as [string, string][]);
    q.set("page", String(page));
    return `/admin/bookings?${q}`;
  };
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Bookings</h1>
      <form method="get" role="search" aria-label="Search bookings" className="grid gap-4 rounded-lg border border-stone-300 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6 lg:items-end">
        <div className="sm:col-span-3 lg:col-span-2">
          <label htmlFor="b-q" className="font-medium">Search</label>
          <input id="b-q" name="q" type="search" defaultValue={search.q} placeholder="Reference, name or email" className={input} />
        </div>
        <div><label htmlFor="b-status" className="font-medium">Status</label>
          <select id="b-status" name="status" defaultValue={search.status ?? ""} className={input}>
            <option value="">Any</option>{Object.entries(STATUSES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select></div>
        <div><label htmlFor="b-payment" className="font-medium">Payment</label>
          <select id="b-payment" name="payment" defaultValue={search.paymentStatus ?? ""} className={input}>
            <option value="">Any</option>{Object.entries(paymentStatusFilterText).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select></div>
        <div><label htmlFor="b-course" className="font-medium">Course</label>
          <select id="b-course" name="course" defaultValue={search.courseId ?? ""} className={input}>
            <option value="">All courses</option>{courses.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
          </select></div>
        <div className="grid grid-cols-2 gap-2">
          <div><label htmlFor="b-from" className="font-medium">Booked from</label><input id="b-from" name="from" type="date" defaultValue={search.from} className={input} /></div>
          <div><label htmlFor="b-to" className="font-medium">to</label><input id="b-to" name="to" type="date" defaultValue={search.to} className={input}
            aria-invalid={reversed || undefined} aria-describedby={reversed ? "b-dates-error" : undefined} /></div>
        </div>
        {search.sessionId && <input type="hidden" name="session" value={search.sessionId} />}
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white">Search</button>
      </form>
      {reversed && <p id="b-dates-error" role="alert" className="font-medium text-red-700">The end date must not be before the start date.</p>}
      <p role="status">{reversed ? "" : result.rows.length === 0 ? "No bookings found." : `Showing ${(result.page - 1) * 50 + 1}–${(result.page - 1) * 50 + result.rows.length}${result.hasMore ? " (more on the next page)" : ""}`}</p>
      {result.rows.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white">
          <table className="w-full text-left">
            <thead className="bg-stone-100 text-sm"><tr>
              <th scope="col" className="p-3">Reference</th><th scope="col" className="p-3">Booked</th><th scope="col" className="p-3">Course and session</th>
              <th scope="col" className="p-3">Contact</th><th scope="col" className="p-3">Attendees</th><th scope="col" className="p-3">Status</th>
              <th scope="col" className="p-3">Paid of total</th>
            </tr></thead>
            <tbody>
              {result.rows.map(({ booking: b, course, session, venue, activePlaces }) => (
                <tr key={b.id} className="border-t border-stone-200 align-top">
                  <td className="p-3"><Link href={`/admin/bookings/${b.reference}`} className="font-mono underline">{b.reference}</Link></td>
                  <td className="p-3">{formatDate(b.createdAt, venue.timeZone)}</td>
                  <td className="p-3">{course.title}<br /><span className="text-sm text-stone-700">{formatDate(session.startsAt, venue.timeZone)}, {venue.name}{session.status === "cancelled" ? " (session cancelled)" : ""}</span></td>
                  <td className="p-3">{b.contactName}<br /><span className="text-sm text-stone-700">{b.contactEmail}</span></td>
                  <td className="p-3">{activePlaces}{activePlaces < b.attendeeCount && <><br /><span className="text-sm text-stone-700">of {b.attendeeCount} booked</span></>}</td>
                  <td className="p-3">{STATUSES[b.status]}<br /><span className="text-sm text-stone-700">{paymentStatusText(b)}</span></td>
                  {/* The price in force (less credit notes), as the booking's page shows it. */}
                  <td className="p-3">{formatMoney(b.amountPaid, b.currency)} of {formatMoney(bookingValue(b), b.currency)}
                    {b.amountRefunded > 0 && <><br /><span className="text-sm text-stone-700">{formatMoney(b.amountRefunded, b.currency)} refunded</span></>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" className="flex gap-4">
        {result.page > 1 && <Link href={pageLink(result.page - 1)} className="underline">Previous page</Link>}
        {result.hasMore && <Link href={pageLink(result.page + 1)} className="underline">Next page</Link>}
      </nav>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { courseOptions, venueOptions } from "@/db/queries/admin";
import type {
  CheckInFigure, CourseFill, RefundFigure, RequirementShare, SalesPoint, SessionFill, TicketTypeShare,
} from "@/db/queries/analytics";
import { AnalyticsBarChart } from "@/components/admin/analytics/bar-chart";
import { AnalyticsFilterForm } from "@/components/admin/analytics/filter-form";
import { FigureSection } from "@/components/admin/analytics/figure-section";
import {
  checkInData, courseFillData, refundData, requirementPriorityData, salesValueByCurrency, salesVolume, sessionFillData, ticketMixData,
} from "@/lib/analytics/charts";
import { analyticsQuery, readAnalyticsFilter, type RawSearchParams } from "@/lib/analytics/filter";
import { figures } from "@/lib/analytics/figures";
import { analyticsScope, loadDashboard } from "@/lib/analytics/load";
import { requireStaffPage } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { formatDate } from "@/lib/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sales dashboard" };

const BRAND = "#0b5549";
const SECOND = "#b45309";
/** Figures laid out below by hand. */
const DRAWN = new Set(["sales", "booking-size", "courses", "sessions", "ticket-types", "refunds", "requirements", "check-in", "at-risk"]);

export default async function AdminHome({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const staff = await requireStaffPage(["admin", "finance", "door"]);
  if (staff.role === "door") redirect("/admin/check-in");
  const tz = env().STAFF_TIME_ZONE;
  const { filter, errors } = readAnalyticsFilter(await searchParams, tz);
  const db = getDb();
  const [loaded, courses, venues] = await Promise.all([loadDashboard(db, analyticsScope(filter, tz)), courseOptions(db), venueOptions(db)]);
  const query = analyticsQuery(filter);
  const csv = (id: string) => `/admin/analytics/export?figure=${id}&${query}`;
  const table = (id: string) => loaded[id].table;
  const rows = <R,>(id: string) => loaded[id].rows as R[];
  const errorList = Object.entries(errors);

  const cards = staff.role === "admin"
    ? [
        { href: "/admin/check-in", title: "Check-in", text: "Scan tickets at the door; arrivals per session." },
        { href: "/admin/requirements", title: "Requirements dashboard", text: "Every attendee need for the coming sessions, checklists and venue gaps." },
        { href: "/admin/sessions", title: "Sessions", text: "Schedule, change capacity, cancel." },
        { href: "/admin/courses", title: "Courses", text: "Titles, prices and deposits." },
        { href: "/admin/venues", title: "Venues", text: "Addresses and accessibility assessments." },
        { href: "/admin/bookings", title: "Bookings", text: "Find a booking by reference, name or email." },
        { href: "/admin/audit", title: "Audit log", text: "Who changed what, and when." },
      ]
    : [
        { href: "/admin/bookings", title: "Bookings", text: "Find a booking by reference, name or email." },
        { href: "/admin/finance", title: "Finance", text: "Payments, invoices and refunds." },
      ];

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold">Sales dashboard</h1>
        <p className="mt-1 text-stone-700">
          {formatDate(`${filter.from}T12:00:00Z`, tz)} to {formatDate(`${filter.to}T12:00:00Z`, tz)}. Sales count bookings by the day they
          were paid; session figures count sessions by the day they start. Each chart has its table below it, and a CSV.
        </p>
      </div>
      {errorList.length > 0 && (
        <div role="alert" className="rounded-md border border-red-700 bg-red-50 p-4">
          <h2 className="font-semibold text-red-800">The filter was not applied: showing the default period</h2>
          <ul className="mt-1 list-disc pl-5">
            {errorList.map(([field, message]) => <li key={field}><a href={`#a-${field}`} className="underline">{message}</a></li>)}
          </ul>
        </div>
      )}
      <AnalyticsFilterForm filter={filter} errors={errors} courses={courses} venues={venues} />

      <div className="grid gap-6 xl:grid-cols-2">
        <FigureSection figure={table("sales")} csvHref={csv("sales")}>
          <AnalyticsBarChart label="Bookings and places" data={salesVolume(rows<SalesPoint>("sales"))} categoryKey="period" unit={{ kind: "count" }}
            series={[{ key: "bookings", label: "Bookings", color: BRAND }, { key: "places", label: "Places", color: SECOND }]} />
          {salesValueByCurrency(rows<SalesPoint>("sales")).map((c) => (
            <div key={c.currency}>
              <h3 className="font-medium">Value in {c.currency}</h3>
              <AnalyticsBarChart label={`Value in ${c.currency}`} data={c.data} categoryKey="period" unit={{ kind: "money", currency: c.currency }}
                series={[{ key: "value", label: `Value (${c.currency})`, color: BRAND }]} />
            </div>
          ))}
        </FigureSection>
        <FigureSection figure={table("booking-size")} csvHref={csv("booking-size")} openTable />
        <FigureSection figure={table("courses")} csvHref={csv("courses")} emptyText="No sessions start in this period.">
          <AnalyticsBarChart label="Fill rate per course" data={courseFillData(rows<CourseFill>("courses"))} categoryKey="course"
            unit={{ kind: "percent" }} horizontal series={[{ key: "fill", label: "Fill rate", color: BRAND }]} />
        </FigureSection>
        <FigureSection figure={table("sessions")} csvHref={csv("sessions")} emptyText="No sessions start in this period.">
          <AnalyticsBarChart label="Fill rate per session" data={sessionFillData(rows<SessionFill>("sessions"))} categoryKey="session"
            unit={{ kind: "percent" }} horizontal series={[{ key: "fill", label: "Fill rate", color: BRAND }]} />
          {rows<SessionFill>("sessions").length > 30 && <p className="text-sm text-stone-700">The chart shows the first 30 sessions; the table lists them all.</p>}
        </FigureSection>
        <FigureSection figure={table("ticket-types")} csvHref={csv("ticket-types")}>
          <AnalyticsBarChart label="Places per ticket type" data={ticketMixData(rows<TicketTypeShare>("ticket-types"))} categoryKey="ticketType"
            unit={{ kind: "count" }} horizontal series={[{ key: "places", label: "Places", color: BRAND }]} />
        </FigureSection>
        <FigureSection figure={table("refunds")} csvHref={csv("refunds")} emptyText="No refunds completed in this period.">
          {refundData(rows<RefundFigure>("refunds")).map((c) => (
            <div key={c.currency}>
              <h3 className="font-medium">Refunded in {c.currency}</h3>
              <AnalyticsBarChart label={`Refunded in ${c.currency}`} data={c.data} categoryKey="reason" horizontal
                unit={{ kind: "money", currency: c.currency }} series={[{ key: "amount", label: `Refunded (${c.currency})`, color: SECOND }]} />
            </div>
          ))}
        </FigureSection>
        <FigureSection figure={table("requirements")} csvHref={csv("requirements")} emptyText="No needs declared for these sessions.">
          <AnalyticsBarChart label="Needs by priority" data={requirementPriorityData(rows<RequirementShare>("requirements"))} categoryKey="priority"
            unit={{ kind: "count" }} series={[{ key: "needs", label: "Needs", color: BRAND }, { key: "acknowledged", label: "Acknowledged", color: SECOND }]} />
        </FigureSection>
        <FigureSection figure={table("check-in")} csvHref={csv("check-in")} emptyText="No session of this period has started yet.">
          <AnalyticsBarChart label="Check-in rate per course" data={checkInData(rows<CheckInFigure>("check-in"))} categoryKey="course"
            unit={{ kind: "percent" }} horizontal series={[{ key: "rate", label: "Checked in", color: BRAND }]} />
        </FigureSection>
      </div>
      <FigureSection figure={table("at-risk")} csvHref={csv("at-risk")} openTable emptyText="No upcoming session is at risk." />
      {/* Figures without a chart of their own yet: their table and CSV. */}
      {figures.filter((f) => !DRAWN.has(f.id)).map((f) => <FigureSection key={f.id} figure={table(f.id)} csvHref={csv(f.id)} openTable />)}

      <section aria-labelledby="staff-areas" className="space-y-3">
        <h2 id="staff-areas" className="text-xl font-semibold">Staff areas</h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {cards.map((c) => (
            <li key={c.href}>
              <Link href={c.href} className="block h-full rounded-lg border border-stone-300 bg-white p-4 hover:border-brand-600">
                <span className="text-lg font-semibold text-brand-800">{c.title}</span>
                <span className="mt-1 block text-stone-700">{c.text}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

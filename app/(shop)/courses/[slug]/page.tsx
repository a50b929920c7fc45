import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { publicCourseBySlug, publicTicketTypes, publicUpcomingSessions } from "@/lib/catalog/public-listings";
import { formatMoney } from "@/lib/format";
import { fromPrice } from "@/lib/catalog/public-ticket-types";
import { SessionList } from "@/components/catalog/session-list";
import { SlotOfferingPage } from "@/components/catalog/slot-offering-page";
import { PresaleNotice } from "@/components/catalog/presale-notice";
import { getDb } from "@/db";
import { env } from "@/lib/env";
import { presaleWindowsOfCourse } from "@/lib/members/checkout";
import { presaleNotices } from "@/lib/members/member-pricing";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const course = await publicCourseBySlug((await params).slug);
  return { title: course?.title ?? "Course" };
}

export default async function CoursePage({ params }: { params: Promise<{ slug: string }> }) {
  const course = await publicCourseBySlug((await params).slug);
  if (!course) notFound();
  if (course.kind === "time_slots") return <SlotOfferingPage course={course} />;
  const sessions = await publicUpcomingSessions({ courseId: course.id });
  const ticketTypes = await publicTicketTypes(sessions);
  // Types of the first session (courses usually sell the same types on every date) for the price line.
  const types = sessions.length ? ticketTypes.get(sessions[0].id) ?? [] : [];
  const from = types.length > 1 ? fromPrice(types) : null;
  const typeNames = new Map([...ticketTypes.values()].flat().map((t) => [t.id, t.name]));
  const notices = presaleNotices(await presaleWindowsOfCourse(getDb(), course.id), typeNames, new Date(),
    sessions[0]?.venue.timeZone ?? env().STAFF_TIME_ZONE);
  return (
    <article className="space-y-6">
      <header>
        <p className="text-sm font-medium uppercase tracking-wide text-brand-700">{course.category}</p>
        <h1 className="text-3xl font-bold">{course.title}</h1>
        <p className="mt-2 text-lg text-stone-700">{course.summary}</p>
      </header>
      <p className="max-w-3xl">{course.description}</p>
      <PresaleNotice notices={notices} />
      {from != null ? (
        <section aria-labelledby="tickets" className="max-w-3xl">
          <h2 id="tickets" className="text-xl font-bold">Tickets from {formatMoney(from, course.currency)}</h2>
          <ul className="mt-2 divide-y divide-stone-200 rounded-lg border border-stone-300 bg-white">
            {types.map((t) => (
              <li key={t.id} className="flex flex-wrap justify-between gap-2 p-3">
                <span><span className="font-semibold">{t.name}</span>{t.description && <span className="block text-sm text-stone-700">{t.description}</span>}</span>
                <span className="font-medium">{formatMoney(t.priceAmount, t.currency)}</span>
              </li>
            ))}
          </ul>
          {sessions.some((s) => s.seatingPlanId != null) && <p className="mt-2 font-medium">Reserved seating: choose your seats on the plan when you book.</p>}
        </section>
      ) : (
        <p className="font-medium">
          {formatMoney(types[0]?.priceAmount ?? course.priceAmount, course.currency)} per person
          {course.depositAmount != null && <> · or a {formatMoney(course.depositAmount, course.currency)} deposit per person now and the rest later</>}
        </p>
      )}
      <section aria-labelledby="dates">
        <h2 id="dates" className="mb-4 text-2xl font-bold">Dates</h2>
        <SessionList sessions={sessions} showCourse={false} ticketTypes={ticketTypes} />
      </section>
    </article>
  );
}

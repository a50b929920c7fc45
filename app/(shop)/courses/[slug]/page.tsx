import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getCourseBySlug, listUpcomingSessions } from "@/db/queries/catalog";
import { formatMoney } from "@/lib/format";
import { SessionList } from "@/components/catalog/session-list";
import { SlotOfferingPage } from "@/components/catalog/slot-offering-page";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const course = await getCourseBySlug(getDb(), (await params).slug);
  return { title: course?.title ?? "Course" };
}

export default async function CoursePage({ params }: { params: Promise<{ slug: string }> }) {
  const db = getDb();
  const course = await getCourseBySlug(db, (await params).slug);
  if (!course) notFound();
  const sessions = await listUpcomingSessions(db, { courseId: course.id });
  if (course.kind === "time_slots") return <SlotOfferingPage course={course} />;
  return (
    <article className="space-y-6">
      <header>
        <p className="text-sm font-medium uppercase tracking-wide text-brand-700">{course.category}</p>
        <h1 className="text-3xl font-bold">{course.title}</h1>
        <p className="mt-2 text-lg text-stone-700">{course.summary}</p>
      </header>
      <p className="max-w-3xl">{course.description}</p>
      <p className="font-medium">
        {formatMoney(course.priceAmount, course.currency)} per person
        {course.depositAmount != null && <> · or a {formatMoney(course.depositAmount, course.currency)} deposit per person now and the rest later</>}
      </p>
      <section aria-labelledby="dates">
        <h2 id="dates" className="mb-4 text-2xl font-bold">Dates</h2>
        <SessionList sessions={sessions} showCourse={false} />
      </section>
    </article>
  );
}

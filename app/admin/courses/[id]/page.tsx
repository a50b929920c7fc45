import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { archiveCourse, restoreCourse, updateCourse, updateCoursePolicy } from "@/app/admin/courses/actions";
import { ActionButton } from "@/components/admin/action-button";
import { CourseForm } from "@/components/admin/catalog/course-form";
import { CancellationPolicyForm } from "@/components/admin/catalog/cancellation-policy-form";
import { SessionTable } from "@/components/admin/catalog/session-table";
import { TicketTypeTable } from "@/components/admin/catalog/ticket-type-table";
import { deleteTicketType, moveTicketType, retireTicketType, unretireTicketType } from "@/app/admin/ticket-types/actions";
import { QuestionsSection } from "@/components/admin/slots/questions-section";
import { archiveQuestion, createQuestion, restoreQuestion } from "@/app/admin/offerings/actions";
import { MemberOffersForm } from "@/components/admin/catalog/member-offers-form";
import { updateMemberOffers } from "@/app/admin/member-offers/actions";
import { memberOffersInitial } from "@/lib/members/offers";
import { getDb } from "@/db";
import { getCourse, listSessionsForAdmin } from "@/db/queries/admin";
import { ticketTypesForStaff } from "@/db/queries/admin-ticket-types";
import { questionsForAdmin } from "@/db/queries/admin-slot-offerings";
import { requireStaffPage } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { moneyInput } from "@/lib/validations/catalog";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Course" };

export default async function CourseAdminPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaffPage(["admin"]);
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const db = getDb();
  const course = await getCourse(db, id);
  if (!course) notFound();
  const [sessions, types, questions, offers] = await Promise.all([
    listSessionsForAdmin(db, { courseId: id, when: "all" }),
    ticketTypesForStaff(db, { courseId: id, sessionId: null }),
    questionsForAdmin(db, id),
    memberOffersInitial(db, { target: "course", id }, course.currency),
  ]);
  return (
    <div className="space-y-6">
      <Link href="/admin/courses" className="underline">All courses</Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h1 className="text-3xl font-bold">{course.title}{course.status === "archived" && <span className="ml-2 text-lg text-stone-600">(archived)</span>}</h1>
        {course.status === "active"
          ? <ActionButton action={archiveCourse} input={{ id }} confirm="Archive this course? It leaves the public catalogue; booked sessions go ahead." busyLabel="Archiving…">Archive course</ActionButton>
          : <ActionButton action={restoreCourse} input={{ id }} busyLabel="Restoring…">Offer again</ActionButton>}
      </div>
      <div className="max-w-3xl">
        <CourseForm id={id} save={updateCourse} initial={{
          title: course.title, slug: course.slug, summary: course.summary, description: course.description, category: course.category,
          currency: course.currency, price: moneyInput(course.priceAmount, course.currency), deposit: moneyInput(course.depositAmount, course.currency),
          changeCutoffHours: String(course.changeCutoffHours),
        }} />
      </div>
      <div className="max-w-3xl" id="cancellation-policy">
        <CancellationPolicyForm id={id} currency={course.currency} updateCoursePolicy={updateCoursePolicy} initial={{
          bands: course.cancellationBands.map((b) => ({ hoursBefore: String(b.hoursBefore), refundPercent: String(b.refundPercent) })),
          depositRefundable: course.cancellationDepositRefundable, fee: course.cancellationFeeAmount ? moneyInput(course.cancellationFeeAmount, course.currency) : "",
        }} />
      </div>
      <div className="max-w-3xl" id="member-offers">
        <MemberOffersForm save={updateMemberOffers} target="course" id={id} currency={course.currency} listPrice={moneyInput(course.priceAmount, course.currency)}
          timeZone={`the staff time zone (${env().STAFF_TIME_ZONE})`} initial={offers} />
      </div>
      <section id="ticket-types" aria-labelledby="ticket-types-h" className="max-w-4xl space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="ticket-types-h" className="text-xl font-semibold">Ticket types</h2>
          <Link href={`/admin/ticket-types/new?course=${id}`} className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">Add a ticket type</Link>
        </div>
        <p className="text-sm text-stone-700">Sold at every session of this course that has no types of its own, in this order. While the course sells one type, the price above is that type&apos;s.</p>
        <TicketTypeTable types={types} currency={course.currency} timeZone={env().STAFF_TIME_ZONE}
          actions={{ moveTicketType, retireTicketType, unretireTicketType, deleteTicketType }} />
      </section>
      <section aria-labelledby="sessions" className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 id="sessions" className="text-xl font-semibold">Sessions</h2>
          {course.status === "active" && <Link href={`/admin/sessions/new?course=${id}`} className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">Schedule a session</Link>}
        </div>
        <SessionTable rows={sessions} />
      </section>
      <QuestionsSection courseId={id} rows={questions} actions={{ archiveQuestion, restoreQuestion, createQuestion }} />
    </div>
  );
}

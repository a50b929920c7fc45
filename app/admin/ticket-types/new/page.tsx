import type { Metadata } from "next";
import Link from "next/link";
import { createTicketType } from "@/app/admin/ticket-types/actions";
import { TicketTypeForm } from "@/components/admin/catalog/ticket-type-form";
import { emptyTicketType } from "@/components/admin/catalog/ticket-type-values";
import { getDb } from "@/db";
import { getCourse, getSessionForAdmin } from "@/db/queries/admin";
import { requireStaffPage } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { formatSessionWhen } from "@/lib/format";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New ticket type" };

export default async function NewTicketTypePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireStaffPage(["admin"]);
  const { course: courseId, session: sessionId } = await searchParams;
  const db = getDb();
  const course = courseId && isUuid(courseId) ? await getCourse(db, courseId) : null;
  const session = course && sessionId && isUuid(sessionId) ? await getSessionForAdmin(db, sessionId) : null;
  if (!course || (sessionId && session?.session.courseId !== course.id)) {
    return (
      <div className="space-y-4">
        <h1 className="text-3xl font-bold">New ticket type</h1>
        <p>Ticket types are added from a <Link href="/admin/courses" className="underline">course</Link> or one of its sessions.</p>
      </div>
    );
  }
  const backTo = session ? `/admin/sessions/${session.session.id}#ticket-types` : `/admin/courses/${course.id}#ticket-types`;
  return (
    <div className="max-w-3xl space-y-6">
      <Link href={backTo} className="underline">Back to {session ? "the session" : course.title}</Link>
      <h1 className="text-3xl font-bold">New ticket type</h1>
      <p>{session
        ? <>For {course.title} on {formatSessionWhen(session.session.startsAt, session.session.endsAt, session.venue.timeZone)} only. A session with types of its own sells only those, not the course&apos;s.</>
        : <>A default of {course.title}: sold at every session without types of its own.</>}</p>
      <TicketTypeForm save={createTicketType} courseId={course.id} sessionId={session?.session.id ?? null} initial={emptyTicketType(course.currency)}
        timeZone={session ? `${session.venue.name}'s time zone (${session.venue.timeZone})` : `the staff time zone (${env().STAFF_TIME_ZONE})`} backTo={backTo} />
    </div>
  );
}

// Composes the member emails for a new session and for a members-only presale opening: one message per member
// to tell (of the levels chosen), each with its own key.
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { courseSessions, courses, memberPresales, ticketTypes, venues } from "@/db/schema";
import type { ComposedEmail } from "@/lib/email/deliver";
import type { EmailJob } from "@/lib/email/jobs";
import { env } from "@/lib/env";
import { formatDateTimeZoned, formatSessionWhen } from "@/lib/format";
import { sellerSnapshot } from "@/lib/invoices/snapshot";
import MemberNewSessionEmail from "@/emails/member-new-session";
import MemberPresaleOpenEmail from "@/emails/member-presale-open";
import type { MemberLevelName } from "@/lib/validations/member-levels";
import { membersToNotify, memberOptOutUrl } from "./notifications";

/** New sessions of one course (a session, or a weekly series: the first one's id keys the emails). */
export async function composeMembersNewSession(db: Db, sessionIds: readonly string[], levels?: readonly MemberLevelName[]): Promise<ComposedEmail[]> {
  const rows = await db.select({ session: courseSessions, course: courses, venue: venues })
    .from(courseSessions).innerJoin(courses, eq(courses.id, courseSessions.courseId)).innerJoin(venues, eq(venues.id, courseSessions.venueId))
    .where(inArray(courseSessions.id, [...sessionIds])).orderBy(asc(courseSessions.startsAt));
  // A session cancelled (or gone) before the email went out is not announced.
  const open = rows.filter((r) => r.session.status === "scheduled");
  if (open.length === 0) return [];
  const row = open[0];
  const seller = sellerSnapshot(env());
  const dates = open.map((r) => formatSessionWhen(r.session.startsAt, r.session.endsAt, r.venue.timeZone));
  const venueNames = [...new Set(open.map((r) => `${r.venue.name}, ${r.venue.city}`))];
  const recipients = await membersToNotify(db, { levels });
  return recipients.map((m) => ({
    key: `members-new-session:${sessionIds[0]}:${m.id}`, kind: "members-new-session", bookingId: null, to: m.email,
    subject: dates.length === 1 ? `New date for ${row.course.title}` : `${dates.length} new dates for ${row.course.title}`,
    body: (
      <MemberNewSessionEmail sellerName={seller.name} memberName={m.name} course={row.course.title} dates={dates}
        venue={venueNames.join("; ")} courseUrl={`${env().APP_URL}/courses/${row.course.slug}`} optOutUrl={memberOptOutUrl(m.id)} />
    ),
    attachments: [],
  }));
}

/**
 * When a members-only presale opens: its levels' current members who have not opted out, once per window (the
 * key names the window's start, so saving the same window again sends nothing new). A window changed, removed or
 * already over by the time the job runs sends nothing; a changed window has its own job.
 */
export async function composeMembersPresaleOpen(db: Db, job: Extract<EmailJob, { kind: "members-presale-open" }>, now = new Date()): Promise<ComposedEmail[]> {
  const byTarget = job.target === "course" ? eq(memberPresales.courseId, job.targetId) : eq(memberPresales.ticketTypeId, job.targetId);
  const [presale] = await db.select().from(memberPresales).where(byTarget);
  if (!presale || presale.startsAt.getTime() !== new Date(job.startsAt).getTime() || presale.endsAt <= now) return [];
  const [row] = job.target === "course"
    ? await db.select({ course: courses, typeName: courses.title }).from(courses).where(eq(courses.id, job.targetId))
    : await db.select({ course: courses, typeName: ticketTypes.name }).from(ticketTypes)
      .innerJoin(courses, eq(courses.id, ticketTypes.courseId)).where(eq(ticketTypes.id, job.targetId));
  if (!row || row.course.status !== "active") return [];
  const what = job.target === "course" ? row.course.title : `${row.course.title}: ${row.typeName}`;
  const zone = env().STAFF_TIME_ZONE;
  const until = formatDateTimeZoned(presale.endsAt, zone);
  const seller = sellerSnapshot(env());
  const recipients = await membersToNotify(db, { now, levels: presale.levels ?? undefined });
  return recipients.map((m) => ({
    key: `members-presale-open:${job.target}:${job.targetId}:${presale.startsAt.toISOString()}:${m.id}`,
    kind: "members-presale-open", bookingId: null, to: m.email,
    subject: `Members' presale open: ${what}`,
    body: (
      <MemberPresaleOpenEmail sellerName={seller.name} memberName={m.name} what={what} until={until}
        courseUrl={`${env().APP_URL}/courses/${row.course.slug}`} optOutUrl={memberOptOutUrl(m.id)} />
    ),
    attachments: [],
  }));
}

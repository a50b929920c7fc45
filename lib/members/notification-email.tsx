// Composes the member emails for one new session: one message per member to tell (of the levels chosen), each
// with its own key.
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { courseSessions, courses, venues } from "@/db/schema";
import type { ComposedEmail } from "@/lib/email/deliver";
import { env } from "@/lib/env";
import { formatSessionWhen } from "@/lib/format";
import { sellerSnapshot } from "@/lib/invoices/snapshot";
import MemberNewSessionEmail from "@/emails/member-new-session";
import type { MemberLevelName } from "@/lib/validations/member-levels";
import { membersToNotify, memberOptOutUrl } from "./notifications";

export async function composeMembersNewSession(db: Db, sessionId: string, levels?: readonly MemberLevelName[]): Promise<ComposedEmail[]> {
  const [row] = await db.select({ session: courseSessions, course: courses, venue: venues })
    .from(courseSessions).innerJoin(courses, eq(courses.id, courseSessions.courseId)).innerJoin(venues, eq(venues.id, courseSessions.venueId))
    .where(eq(courseSessions.id, sessionId));
  // A session cancelled (or gone) before the email went out is not announced.
  if (!row || row.session.status !== "scheduled") return [];
  const seller = sellerSnapshot(env());
  const when = formatSessionWhen(row.session.startsAt, row.session.endsAt, row.venue.timeZone);
  const recipients = await membersToNotify(db, { levels });
  return recipients.map((m) => ({
    key: `members-new-session:${sessionId}:${m.id}`, kind: "members-new-session", bookingId: null, to: m.email,
    subject: `New date for ${row.course.title}`,
    body: (
      <MemberNewSessionEmail sellerName={seller.name} memberName={m.name} course={row.course.title} when={when}
        venue={`${row.venue.name}, ${row.venue.city}`} courseUrl={`${env().APP_URL}/courses/${row.course.slug}`} optOutUrl={memberOptOutUrl(m.id)} />
    ),
    attachments: [],
  }));
}

// The courses and ticket types a discount can be limited to, for the staff forms.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { courses, ticketTypes } from "@/db/schema";

export async function discountScopeOptions(db: DbOrTx) {
  const courseRows = await db.select({ id: courses.id, title: courses.title, currency: courses.currency }).from(courses)
    .where(eq(courses.status, "active")).orderBy(asc(courses.title));
  const typeRows = await db.select({ id: ticketTypes.id, name: ticketTypes.name, course: courses.title }).from(ticketTypes)
    .innerJoin(courses, eq(courses.id, ticketTypes.courseId))
    .where(and(eq(courses.status, "active"), isNull(ticketTypes.sessionId), isNull(ticketTypes.retiredAt)))
    .orderBy(asc(courses.title), asc(ticketTypes.sortOrder));
  return { courses: courseRows, ticketTypes: typeRows.map((t) => ({ id: t.id, label: `${t.course}: ${t.name} tickets` })) };
}

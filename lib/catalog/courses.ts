// Courses as admins run them: create, edit, archive (no longer offered) and restore.
import { and, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { pgErrorOf, UNIQUE_VIOLATION } from "@/db/pg-error";
import { courses, ticketTypes, type Course } from "@/db/schema";
import { insertDefaultTicketType } from "@/db/queries/ticket-types";
import type { Staff } from "@/lib/auth/guard";
import { fieldError } from "@/lib/validations/field-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { CourseValues } from "@/lib/validations/catalog";

async function lockCourse(tx: Tx, id: string): Promise<Course> {
  const [row] = await tx.select().from(courses).where(eq(courses.id, id)).for("update");
  if (!row) throw new AppError("not_found", {}, "That course does not exist.");
  return row;
}

function slugTaken(err: unknown) {
  const pg = pgErrorOf(err);
  return pg?.code === UNIQUE_VIOLATION && pg.constraint === "courses_slug_key";
}

export async function createCourse(db: Db, staff: Staff, values: CourseValues) {
  try {
    return await db.transaction(async (tx) => {
      const [course] = await tx.insert(courses).values(values).returning();
      await insertDefaultTicketType(tx, course);
      await recordAudit(tx, staff, { action: "course.create", entityType: "course", entityId: course.id, after: course });
      return course;
    });
  } catch (err) {
    if (slugTaken(err)) throw fieldError("slug", "Another course already uses this web address");
    throw err;
  }
}

export async function updateCourse(db: Db, staff: Staff, id: string, values: CourseValues) {
  try {
    return await db.transaction(async (tx) => {
      const before = await lockCourse(tx, id);
      const [after] = await tx.update(courses).set({ ...values, updatedAt: new Date() }).where(eq(courses.id, id)).returning();
      await syncDefaultTicketType(tx, before, after);
      await recordAudit(tx, staff, { action: "course.update", entityType: "course", entityId: id, before, after });
      return after;
    });
  } catch (err) {
    if (slugTaken(err)) throw fieldError("slug", "Another course already uses this web address");
    throw err;
  }
}

/** Archived courses leave the catalogue; their sessions and bookings stay as they are. */
export async function setCourseArchived(db: Db, staff: Staff, id: string, archived: boolean) {
  return db.transaction(async (tx) => {
    const before = await lockCourse(tx, id);
    const status = archived ? "archived" : "active";
    if (before.status === status) return before;
    const [after] = await tx.update(courses).set({ status, updatedAt: new Date() }).where(eq(courses.id, id)).returning();
    await recordAudit(tx, staff, {
      action: archived ? "course.archive" : "course.restore", entityType: "course", entityId: id,
      before: { status: before.status }, after: { status: after.status },
    });
    return after;
  });
}

/**
 * The price on the course form is its default ticket type's while it sells just one: changing it changes
 * that type for future sales (places sold keep their price). A course with several types is priced per type.
 */
async function syncDefaultTicketType(tx: Tx, before: Course, after: Course) {
  if (before.priceAmount === after.priceAmount && before.depositAmount === after.depositAmount) return;
  const defaults = await tx.select().from(ticketTypes)
    .where(and(eq(ticketTypes.courseId, after.id), isNull(ticketTypes.sessionId), isNull(ticketTypes.retiredAt)));
  if (defaults.length !== 1) return;
  await tx.update(ticketTypes).set({ priceAmount: after.priceAmount, depositAmount: after.depositAmount, updatedAt: new Date() })
    .where(eq(ticketTypes.id, defaults[0].id));
}

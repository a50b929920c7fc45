// Courses as admins run them: create, edit, archive (no longer offered) and restore.
import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { pgErrorOf, UNIQUE_VIOLATION } from "@/db/pg-error";
import { courses, type Course } from "@/db/schema";
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

// Custom questions of a course or time-slot offering as admins run them: add, edit, archive and restore.
// Answers copy the question's label and sensitivity when given, so editing a question never rewrites them;
// what an answer means (its kind, who answers it) is fixed once someone has answered.
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { bookingAnswers, courseQuestions, courses, type CourseQuestion } from "@/db/schema";
import type { Staff } from "@/lib/auth/guard";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { fieldError } from "@/lib/validations/field-error";
import type { QuestionValues, UpdateQuestionValues } from "@/lib/validations/slot-offerings";

async function lockQuestion(tx: Tx, id: string): Promise<CourseQuestion> {
  const [row] = await tx.select().from(courseQuestions).where(eq(courseQuestions.id, id)).for("update");
  if (!row) throw new AppError("not_found", {}, "That question does not exist.");
  return row;
}

async function answerCount(tx: Tx, questionId: string) {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(bookingAnswers).where(eq(bookingAnswers.questionId, questionId));
  return row.n;
}

export async function createQuestion(db: Db, staff: Staff, v: QuestionValues) {
  return db.transaction(async (tx) => {
    const [course] = await tx.select({ id: courses.id }).from(courses).where(eq(courses.id, v.courseId)).for("key share");
    if (!course) throw new AppError("not_found", {}, "That course does not exist.");
    const [row] = await tx.insert(courseQuestions).values({
      courseId: v.courseId, kind: v.kind, scope: v.scope, label: v.label, help: v.help ?? null, required: v.required,
      sensitive: v.sensitive, atDoor: v.atDoor, options: v.options, sortOrder: v.sortOrder,
    }).returning();
    await recordAudit(tx, staff, { action: "question.create", entityType: "course", entityId: v.courseId, after: row });
    return row;
  });
}

export async function updateQuestion(db: Db, staff: Staff, v: UpdateQuestionValues) {
  return db.transaction(async (tx) => {
    const before = await lockQuestion(tx, v.id);
    if ((v.kind !== before.kind || v.scope !== before.scope) && (await answerCount(tx, v.id)) > 0) {
      const path = v.kind !== before.kind ? "kind" : "scope";
      throw fieldError(path, "People have answered this question: its kind and who answers it stay as they are. Archive it and add a new one instead.");
    }
    const [after] = await tx.update(courseQuestions).set({
      kind: v.kind, scope: v.scope, label: v.label, help: v.help ?? null, required: v.required, sensitive: v.sensitive,
      atDoor: v.atDoor, options: v.options, sortOrder: v.sortOrder,
    }).where(eq(courseQuestions.id, v.id)).returning();
    await recordAudit(tx, staff, { action: "question.update", entityType: "course", entityId: before.courseId, before, after });
    return after;
  });
}

/** Archived questions are no longer asked; answers already given stay with their bookings. */
export async function setQuestionArchived(db: Db, staff: Staff, id: string, archived: boolean) {
  return db.transaction(async (tx) => {
    const before = await lockQuestion(tx, id);
    if (Boolean(before.archivedAt) === archived) return before;
    const [after] = await tx.update(courseQuestions).set({ archivedAt: archived ? new Date() : null })
      .where(and(eq(courseQuestions.id, id))).returning();
    await recordAudit(tx, staff, {
      action: archived ? "question.archive" : "question.restore", entityType: "course", entityId: before.courseId,
      before: { id, archivedAt: before.archivedAt }, after: { id, archivedAt: after.archivedAt },
    });
    return after;
  });
}

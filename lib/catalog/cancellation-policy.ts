// Staff set a course's (or time-slot offering's) cancellation policy; the database checks the bands again.
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { courses } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { CancellationPolicy } from "@/lib/self-service/cancellation-policy";

export async function updateCancellationPolicy(db: Db, staff: AuditActor, id: string, policy: CancellationPolicy) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(courses).where(eq(courses.id, id)).for("update");
    if (!before) throw new AppError("not_found", {}, "That course does not exist.");
    await tx.update(courses).set({
      cancellationBands: policy.bands, cancellationDepositRefundable: policy.depositRefundable, cancellationFeeAmount: policy.feeAmount, updatedAt: new Date(),
    }).where(eq(courses.id, id));
    await recordAudit(tx, staff, {
      action: "course.cancellation_policy", entityType: "course", entityId: id,
      before: { bands: before.cancellationBands, depositRefundable: before.cancellationDepositRefundable, feeAmount: before.cancellationFeeAmount },
      after: policy,
    });
  });
}

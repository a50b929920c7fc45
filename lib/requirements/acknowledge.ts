// Staff acknowledge an attendee's need: recorded once with who and when, audited, announced to dashboards.
import type { Db } from "@/db";
import { acknowledgeRequirementRow, sessionOfRequirement } from "@/db/queries/requirements";
import type { Staff } from "@/lib/auth/guard";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { notifyRequirementsChanged } from "./live";

export async function acknowledgeRequirement(db: Db, staff: Staff, requirementId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const owner = await sessionOfRequirement(tx, requirementId);
    if (!owner) throw new AppError("not_found", {}, "That requirement does not exist.");
    const result = await acknowledgeRequirementRow(tx, requirementId, staff.id, now);
    if (!result) throw new AppError("not_found", {}, "That requirement does not exist.");
    if (result.changed) {
      await recordAudit(tx, staff, {
        action: "requirement.acknowledge", entityType: "special_requirement", entityId: requirementId,
        before: { acknowledgedAt: null, acknowledgedBy: null },
        after: { acknowledgedAt: result.row.acknowledgedAt, acknowledgedBy: staff.id, label: result.row.label },
      });
      await notifyRequirementsChanged(tx, owner.sessionId);
    }
    return { acknowledgedAt: result.row.acknowledgedAt!, changed: result.changed };
  });
}

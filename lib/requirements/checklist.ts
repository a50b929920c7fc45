// A session's preparation checklist: ticking items off (who, when), and items staff add or remove.
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { checklistItems, courseSessions } from "@/db/schema";
import { lockChecklistItem } from "@/db/queries/requirements";
import type { Staff } from "@/lib/auth/guard";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { notifyRequirementsChanged } from "./live";

const notFound = () => new AppError("not_found", {}, "That checklist item does not exist.");

export async function setChecklistItemDone(db: Db, staff: Staff, p: { itemId: string; done: boolean }, now = new Date()) {
  return db.transaction(async (tx) => {
    const item = await lockChecklistItem(tx, p.itemId);
    if (!item) throw notFound();
    if (Boolean(item.doneAt) === p.done) return item; // Already as asked (say, ticked in another tab).
    const [updated] = await tx.update(checklistItems)
      .set(p.done ? { doneAt: now, doneBy: staff.id } : { doneAt: null, doneBy: null })
      .where(eq(checklistItems.id, item.id)).returning();
    await recordAudit(tx, staff, {
      action: p.done ? "checklist.tick" : "checklist.untick", entityType: "checklist_item", entityId: item.id,
      before: { label: item.label, doneAt: item.doneAt, doneBy: item.doneBy },
      after: { label: updated.label, doneAt: updated.doneAt, doneBy: updated.doneBy },
    });
    await notifyRequirementsChanged(tx, item.sessionId);
    return updated;
  });
}

export async function addChecklistItem(db: Db, staff: Staff, p: { sessionId: string; label: string }) {
  return db.transaction(async (tx) => {
    const [session] = await tx.select({ id: courseSessions.id }).from(courseSessions).where(eq(courseSessions.id, p.sessionId));
    if (!session) throw new AppError("session_not_found");
    const [item] = await tx.insert(checklistItems)
      .values({ sessionId: p.sessionId, source: "staff", label: p.label, createdBy: staff.id }).returning();
    await recordAudit(tx, staff, { action: "checklist.add", entityType: "checklist_item", entityId: item.id, after: item });
    await notifyRequirementsChanged(tx, p.sessionId);
    return item;
  });
}

/** Only items staff added can be removed; generated ones belong to an attendee's need. */
export async function removeChecklistItem(db: Db, staff: Staff, itemId: string) {
  return db.transaction(async (tx) => {
    const item = await lockChecklistItem(tx, itemId);
    if (!item) throw notFound();
    if (item.source !== "staff")
      throw new AppError("conflict", {}, "This task comes from an attendee's requirement and cannot be removed. Tick it off instead.");
    await tx.delete(checklistItems).where(eq(checklistItems.id, item.id));
    await recordAudit(tx, staff, { action: "checklist.remove", entityType: "checklist_item", entityId: item.id, before: item });
    await notifyRequirementsChanged(tx, item.sessionId);
    return { id: item.id };
  });
}

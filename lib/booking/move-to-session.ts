// A booking's places moved to another session or slot day (a customer's move, staff changing a span to
// another day): its tickets follow with new QR codes, and the generated preparation tasks of its needs leave
// the old session. The caller syncs both sessions' checklists once it has made its other changes.
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { checklistItems } from "@/db/schema";
import { moveTicketsToSession } from "@/lib/tickets/issue";

export async function moveTicketsAndTasks(tx: Tx, p: { bookingId: string; fromSessionId: string; toSessionId: string; needIds: string[]; now: Date }) {
  await moveTicketsToSession(tx, { bookingId: p.bookingId, sessionId: p.toSessionId, now: p.now });
  if (p.needIds.length)
    await tx.delete(checklistItems).where(and(eq(checklistItems.sessionId, p.fromSessionId), inArray(checklistItems.requirementId, p.needIds)));
}

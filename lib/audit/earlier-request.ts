// A staff request made once however often it is sent (a double click, a retry after a lost answer): its audit
// entry carries the request's id. Call inside the request's transaction, before doing anything.
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { auditLogs } from "@/db/schema";

/** The `after` of this request's audit entry when it was already made, else null (repeats wait on each other). */
export async function earlierRequest(tx: Tx, p: { action: string; entityId: string; requestId: string }): Promise<Record<string, unknown> | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${p.action}:${p.requestId}`}))`);
  const [seen] = await tx.select({ after: auditLogs.after }).from(auditLogs)
    .where(and(eq(auditLogs.action, p.action), eq(auditLogs.entityId, p.entityId), sql`${auditLogs.after}->>'requestId' = ${p.requestId}`));
  return seen ? ((seen.after ?? {}) as Record<string, unknown>) : null;
}

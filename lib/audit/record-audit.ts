// The audit trail of staff actions: who did what to which record, with the record before and after.
import type { DbOrTx } from "@/db";
import { auditLogs } from "@/db/schema";

export type AuditActor = { id: string; email: string } | { id: null; email: string };

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
};

/** JSON-safe copy: dates become ISO strings, undefined keys disappear, so jsonb stores what was seen. */
function snapshot(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value));
}

/** Write it in the transaction of the change it describes: an entry exists if and only if the change committed. */
export async function recordAudit(tx: DbOrTx, actor: AuditActor, entry: AuditEntry) {
  await tx.insert(auditLogs).values({
    actorId: actor.id,
    actorEmail: actor.email,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: snapshot(entry.before),
    after: snapshot(entry.after),
  });
}

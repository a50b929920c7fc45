// Staff accounts: created by an admin (or the first one from the command line), role changes, and
// disabling, which also ends the person's open sessions.
import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { pgErrorOf, UNIQUE_VIOLATION } from "@/db/pg-error";
import { authSessions, users, type StaffRole, type User } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit";
import { recordAudit } from "@/lib/audit/record-audit";
import { fieldError } from "@/lib/validations/field-error";
import { AppError } from "@/lib/errors";

async function lockUser(tx: Tx, id: string): Promise<User> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for("update");
  if (!row) throw new AppError("not_found", {}, "That staff account does not exist.");
  return row;
}

const visible = (u: User) => ({ id: u.id, email: u.email, name: u.name, role: u.role, disabledAt: u.disabledAt });

export async function createStaffUser(db: Db, actor: AuditActor, p: { email: string; name?: string | null; role: StaffRole }) {
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values({ email: p.email.trim().toLowerCase(), name: p.name ?? null, role: p.role }).returning();
      await recordAudit(tx, actor, { action: "user.create", entityType: "user", entityId: user.id, after: visible(user) });
      return user;
    });
  } catch (err) {
    const pg = pgErrorOf(err);
    if (pg?.code === UNIQUE_VIOLATION && pg.constraint === "users_email_key") throw fieldError("email", "A staff account with this email already exists");
    throw err;
  }
}

/** At least one active admin must remain, or nobody could manage staff without the command line. */
async function assertAnotherActiveAdmin(tx: Tx, exceptId: string) {
  const [other] = await tx.select({ id: users.id }).from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt), ne(users.id, exceptId))).limit(1).for("update");
  if (!other) throw new AppError("conflict", {}, "At least one active admin must remain.");
}

export async function updateStaffUser(db: Db, actor: AuditActor, p: { id: string; name?: string | null; role: StaffRole }) {
  return db.transaction(async (tx) => {
    const before = await lockUser(tx, p.id);
    if (before.role === "admin" && p.role !== "admin" && !before.disabledAt) await assertAnotherActiveAdmin(tx, p.id);
    const [after] = await tx.update(users).set({ name: p.name ?? null, role: p.role }).where(eq(users.id, p.id)).returning();
    await recordAudit(tx, actor, { action: "user.update", entityType: "user", entityId: p.id, before: visible(before), after: visible(after) });
    return after;
  });
}

export async function setStaffUserDisabled(db: Db, actor: AuditActor, id: string, disabled: boolean) {
  return db.transaction(async (tx) => {
    const before = await lockUser(tx, id);
    if (Boolean(before.disabledAt) === disabled) return before;
    if (disabled && actor.id === id) throw new AppError("conflict", {}, "You cannot disable your own account.");
    if (disabled && before.role === "admin") await assertAnotherActiveAdmin(tx, id);
    const [after] = await tx.update(users).set({ disabledAt: disabled ? new Date() : null }).where(eq(users.id, id)).returning();
    if (disabled) await tx.delete(authSessions).where(eq(authSessions.userId, id));
    await recordAudit(tx, actor, {
      action: disabled ? "user.disable" : "user.enable", entityType: "user", entityId: id, before: visible(before), after: visible(after),
    });
    return after;
  });
}

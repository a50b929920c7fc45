// Staff running the fan club: the member list, adding one member, importing many from CSV.
import { asc, inArray, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { members, type Member } from "@/db/schema";
import { pgErrorOf, UNIQUE_VIOLATION } from "@/db/pg-error";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { zonedInstant } from "@/lib/time";
import type { MemberValues } from "@/lib/validations/members";
import type { MemberCsvRow } from "./csv";

/** A typed date read in the finance time zone: from its first minute, until the end of the last day. */
function dayStart(date: string, plusDays = 0): Date {
  const [year, month, day] = date.split("-").map(Number);
  const d = new Date(Date.UTC(year, month - 1, day + plusDays));
  return zonedInstant({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0 }, env().FINANCE_TIME_ZONE);
}

function toRow(v: MemberValues) {
  return {
    email: v.email, name: v.name ?? null, level: v.level, memberNumber: v.number,
    validFrom: dayStart(v.validFrom), validUntil: v.validUntil ? dayStart(v.validUntil, 1) : null,
  };
}

function conflictOf(err: unknown): AppError | null {
  const pg = pgErrorOf(err);
  if (pg?.code !== UNIQUE_VIOLATION) return null;
  return pg.constraint === "members_number_key"
    ? new AppError("conflict", { fields: { number: "Another member has this number" } }, "Another member has this number.")
    : new AppError("conflict", { fields: { email: "This email is already a member" } }, "This email is already a member.");
}

export async function listMembers(db: DbOrTx): Promise<Member[]> {
  return db.select().from(members).orderBy(asc(members.memberNumber)).limit(1000);
}

export async function createMember(db: Db, actor: AuditActor, v: MemberValues): Promise<Member> {
  try {
    return await db.transaction(async (tx) => {
      const [member] = await tx.insert(members).values(toRow(v)).returning();
      await recordAudit(tx, actor, { action: "member.created", entityType: "member", entityId: member.id, after: member });
      return member;
    });
  } catch (err) {
    throw conflictOf(err) ?? err;
  }
}

/** All or nothing: a line whose email or number is already taken refuses the whole file, naming the line. */
export async function importMembers(db: Db, actor: AuditActor, rows: MemberCsvRow[]): Promise<{ imported: number }> {
  try {
    return await db.transaction(async (tx) => {
      const taken = await tx.select({ email: members.email, number: members.memberNumber }).from(members).where(or(
        inArray(sql`lower(${members.email})`, rows.map((r) => r.email)),
        inArray(members.memberNumber, rows.map((r) => r.number)),
      ));
      const emails = new Set(taken.map((t) => t.email.toLowerCase()));
      const numbers = new Set(taken.map((t) => t.number));
      const errors = rows.flatMap((r) => [
        ...(emails.has(r.email) ? [`Line ${r.line}: ${r.email} is already a member`] : []),
        ...(numbers.has(r.number) ? [`Line ${r.line}: member number ${r.number} is already used`] : []),
      ]);
      if (errors.length)
        throw new AppError("conflict", { fields: { csv: errors.slice(0, 20).join("\n") } }, "Nothing was imported: some lines clash with existing members.");
      const inserted = await tx.insert(members).values(rows.map(toRow)).returning({ id: members.id });
      await recordAudit(tx, actor, { action: "member.imported", entityType: "member", entityId: null, after: { count: inserted.length, numbers: rows.map((r) => r.number) } });
      return { imported: inserted.length };
    });
  } catch (err) {
    // A member added by someone else while the file was checked.
    const conflict = conflictOf(err);
    if (conflict) throw new AppError("conflict", { fields: { csv: "A member in the file was added meanwhile; nothing was imported. Try again." } }, "Nothing was imported.");
    throw err;
  }
}

// Member emails about new sessions: queued with the session, composed per member when sent (so an opt-out
// made meanwhile is respected), each with a one-click opt-out link signed with APP_SECRET.
import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq, gt, isNull, lte, or } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { members } from "@/db/schema";
import { env } from "@/lib/env";
import { queueEmail } from "@/lib/email/jobs";

export function memberOptOutToken(memberId: string): string {
  return createHmac("sha256", env().APP_SECRET).update(`member-opt-out:${memberId}`).digest("base64url");
}

export function verifyMemberOptOutToken(memberId: string, token: string | null | undefined): boolean {
  if (!token) return false;
  const expected = Buffer.from(memberOptOutToken(memberId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function memberOptOutUrl(memberId: string): string {
  return `${env().APP_URL}/members/${memberId}/opt-out?token=${memberOptOutToken(memberId)}`;
}

/** In the transaction that creates the session: the email job exists if and only if the session does. */
export async function queueNewSessionNotice(tx: DbOrTx, sessionId: string) {
  await queueEmail(tx, { kind: "members-new-session", sessionId });
}

/** Members to tell, now: valid today and not opted out. */
export async function membersToNotify(db: DbOrTx, now = new Date()) {
  return db.select({ id: members.id, email: members.email, name: members.name }).from(members).where(and(
    isNull(members.notificationsOptedOutAt),
    lte(members.validFrom, now),
    or(isNull(members.validUntil), gt(members.validUntil, now)),
  ));
}

/** Records the choice; the first opt-out time is kept. Returns false for an unknown member. */
export async function optOutOfMemberEmails(db: DbOrTx, memberId: string): Promise<boolean> {
  const [member] = await db.select({ id: members.id, at: members.notificationsOptedOutAt }).from(members).where(eq(members.id, memberId));
  if (!member) return false;
  if (!member.at) await db.update(members).set({ notificationsOptedOutAt: new Date() }).where(and(eq(members.id, memberId), isNull(members.notificationsOptedOutAt)));
  return true;
}

// Member emails about new sessions: queued with the session, composed per member when sent (so an opt-out
// made meanwhile is respected), each with a one-click opt-out link signed with APP_SECRET.
import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { members } from "@/db/schema";
import { env } from "@/lib/env";
import { queueEmail } from "@/lib/email/jobs";
import { MEMBER_LEVELS, type MemberLevelName } from "@/lib/validations/member-levels";

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

/**
 * In the transaction that creates the session: the email job exists if and only if the session does. The
 * levels chosen travel with the job and are applied when it runs; no level chosen queues nothing.
 */
export async function queueNewSessionNotice(tx: DbOrTx, sessionIds: readonly string[], levels: readonly MemberLevelName[] = MEMBER_LEVELS) {
  if (levels.length === 0 || sessionIds.length === 0) return;
  const [sessionId, ...alsoSessionIds] = sessionIds;
  await queueEmail(tx, { kind: "members-new-session", sessionId, ...(alsoSessionIds.length ? { alsoSessionIds } : {}), levels: [...levels] });
}

/** Members to tell, now: valid today, not opted out, and of one of `levels` (all when not given). */
export async function membersToNotify(db: DbOrTx, { now = new Date(), levels }: { now?: Date; levels?: readonly MemberLevelName[] } = {}) {
  if (levels && levels.length === 0) return [];
  return db.select({ id: members.id, email: members.email, name: members.name }).from(members).where(and(
    isNull(members.notificationsOptedOutAt),
    levels ? inArray(members.level, [...levels]) : undefined,
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

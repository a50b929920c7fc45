// Member emails about new sessions: queued with the session, sent to current members who have not opted
// out, each with a signed one-click opt-out link whose choice is kept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, like } from "drizzle-orm";
import { emailMessages, members, users } from "@/db/schema";
import { createSession } from "@/lib/catalog/sessions";
import { createMember } from "@/lib/members/admin";
import { memberOptOutToken, verifyMemberOptOutToken } from "@/lib/members/notifications";
import { optOutOfMemberEmailsAction } from "@/app/(shop)/members/actions";
import { memberSchema } from "@/lib/validations/members";
import { sessionSchema } from "@/lib/validations/catalog";
import { createSessionFixture, db } from "../fixtures";
import { runJobs, startMailServer, uniqueEmail, withEnv, type MailServer } from "../finance-fixtures";

let mail: MailServer;
let restoreEnv: () => void;
let staff: { id: string; email: string; name: string | null; role: "admin" };
beforeAll(async () => {
  mail = await startMailServer();
  restoreEnv = withEnv({ SMTP_URL: mail.url });
  const [user] = await db().insert(users).values({ email: uniqueEmail("notify-admin").toLowerCase(), role: "admin" }).returning();
  staff = { id: user.id, email: user.email, name: null, role: "admin" };
});
afterAll(async () => {
  restoreEnv();
  await mail.stop();
});

const n = () => `N-${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
const addMember = (email: string, validFrom = "2020-01-01", validUntil?: string) =>
  createMember(db(), staff, memberSchema.parse({ email, level: "silver", number: n(), validFrom, validUntil }));

function localIn(days: number, time: string) {
  return `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;
}

async function newSession() {
  const { course, venue } = await createSessionFixture();
  return createSession(db(), staff, sessionSchema.parse({ courseId: course.id, venueId: venue.id, startsAt: localIn(40, "09:00"), endsAt: localIn(40, "17:00"), capacity: "10" }));
}

const form = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
};

describe("member notifications", () => {
  it("emails current members who have not opted out, once, with an opt-out link that keeps the choice", async () => {
    const [current, lapsed, optedOut] = [uniqueEmail("fan"), uniqueEmail("lapsed"), uniqueEmail("quiet")];
    const member = await addMember(current);
    await addMember(lapsed, "2020-01-01", "2021-01-01");
    const quiet = await addMember(optedOut);
    expect(await optOutOfMemberEmailsAction(null, form({ memberId: quiet.id, token: memberOptOutToken(quiet.id) }))).toEqual({ optedOut: true });

    const session = await newSession();
    await runJobs();
    await runJobs();
    const sent = await db().select().from(emailMessages).where(like(emailMessages.idempotencyKey, `members-new-session:${session.id}:%`));
    const to = sent.map((m) => m.toAddress);
    expect(to).toContain(current);
    expect(to).not.toContain(lapsed);
    expect(to).not.toContain(optedOut);
    expect(to.filter((t) => t === current)).toHaveLength(1);
    expect(mail.to(current)).toHaveLength(1);
    const html = String(mail.to(current)[0].html);
    expect(html).toContain(`/members/${member.id}/opt-out?token=${memberOptOutToken(member.id)}`);

    // The opt-out is kept: the next session's email skips this member.
    expect(await optOutOfMemberEmailsAction(null, form({ memberId: member.id, token: memberOptOutToken(member.id) }))).toEqual({ optedOut: true });
    const [row] = await db().select().from(members).where(eq(members.id, member.id));
    expect(row.notificationsOptedOutAt).not.toBeNull();
    const next = await newSession();
    await runJobs();
    const later = await db().select().from(emailMessages).where(like(emailMessages.idempotencyKey, `members-new-session:${next.id}:%`));
    expect(later.map((m) => m.toAddress)).not.toContain(current);
  });

  it("refuses a forged or another member's token and records nothing", async () => {
    const a = await addMember(uniqueEmail("a"));
    const b = await addMember(uniqueEmail("b"));
    expect(verifyMemberOptOutToken(a.id, memberOptOutToken(b.id))).toBe(false);
    expect(await optOutOfMemberEmailsAction(null, form({ memberId: a.id, token: memberOptOutToken(b.id) }))).toEqual({ error: "This link is not valid." });
    expect(await optOutOfMemberEmailsAction(null, form({ memberId: a.id, token: "x" }))).toEqual({ error: "This link is not valid." });
    const [row] = await db().select().from(members).where(eq(members.id, a.id));
    expect(row.notificationsOptedOutAt).toBeNull();
  });
});

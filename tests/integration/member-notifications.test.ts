// Member emails about new sessions: queued with the session, sent to current members who have not opted
// out, each with a signed one-click opt-out link whose choice is kept.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, like, sql } from "drizzle-orm";
import { courseSessions, emailMessages, memberPresales, members, users } from "@/db/schema";
import { formatSessionWhen } from "@/lib/format";
import { createSession, instantToLocal } from "@/lib/catalog/sessions";
import { env } from "@/lib/env";
import { saveMemberOffers } from "@/lib/members/offers";
import { memberOffersFormSchema } from "@/lib/validations/member-offers";
import { createMember } from "@/lib/members/admin";
import { memberOptOutToken, verifyMemberOptOutToken } from "@/lib/members/notifications";
import { optOutOfMemberEmailsAction } from "@/app/(shop)/members/actions";
import { memberSchema } from "@/lib/validations/members";
import { sessionSchema } from "@/lib/validations/catalog";
import { createSessionFixture, db } from "../fixtures";
import { clearJobs, jobsFor, runJobs, uniqueEmail } from "../finance-fixtures";
import { receiveMailForTests } from "../mail-server";
import { SEND_EMAIL_TASK } from "@/lib/email/jobs";

const mail = receiveMailForTests();
let staff: { id: string; email: string; name: string | null; role: "admin" };
beforeAll(async () => {
  const [user] = await db().insert(users).values({ email: uniqueEmail("notify-admin").toLowerCase(), role: "admin" }).returning();
  staff = { id: user.id, email: user.email, name: null, role: "admin" };
});
// Jobs other files left queued (emails with PDFs) would otherwise run in this file's passes, slowly.
beforeEach(clearJobs);

const n = () => `N-${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
const addMember = (email: string, validFrom = "2020-01-01", validUntil?: string, level: "silver" | "gold" | "platinum" = "silver") =>
  createMember(db(), staff, memberSchema.parse({ email, level, number: n(), validFrom, validUntil }));

function localIn(days: number, time: string) {
  return `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;
}

async function newSession(notifyLevels?: string[]) {
  const { course, venue } = await createSessionFixture();
  const [session] = await createSession(db(), staff, sessionSchema.parse({
    courseId: course.id, venueId: venue.id, startsAt: localIn(40, "09:00"), endsAt: localIn(40, "17:00"), capacity: "10", notifyLevels,
  }));
  return Object.assign(session, { courseTitle: course.title });
}

const form = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
};

describe("member notifications", () => {
  it("tells members of a weekly series in one email listing every date still on", async () => {
    const fan = uniqueEmail("series-fan");
    await addMember(fan);
    const { course, venue } = await createSessionFixture();
    const series = await createSession(db(), staff, sessionSchema.parse({
      courseId: course.id, venueId: venue.id, startsAt: localIn(40, "18:30"), endsAt: localIn(40, "20:00"), capacity: "12", repeatWeeks: "3",
    }));
    expect(series).toHaveLength(4);
    // One is called off before the email goes out: the email names the three left.
    await db().update(courseSessions).set({ status: "cancelled" }).where(eq(courseSessions.id, series[2].id));
    await runJobs();
    await runJobs();
    const sent = await db().select().from(emailMessages).where(like(emailMessages.idempotencyKey, `members-new-session:${series[0].id}:%`));
    // One email to this member for the whole series (members other tests made are told too).
    expect(sent.filter((m) => m.toAddress === fan)).toHaveLength(1);
    const [email] = mail.to(fan);
    expect(email.subject).toBe(`3 new dates for ${course.title}`);
    const text = String(email.text);
    for (const [i, s] of [series[0], series[1], series[3]].entries())
      expect(text).toContain(`Date ${i + 1}\n${formatSessionWhen(s.startsAt, s.endsAt, venue.timeZone)}`);
    expect(text).not.toContain(formatSessionWhen(series[2].startsAt, series[2].endsAt, venue.timeZone));
  });

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

  it("tells only the levels staff chose, never an opted-out member, and nobody when no level is chosen", async () => {
    const [silver, gold, platinum, quietGold] = [uniqueEmail("lv-silver"), uniqueEmail("lv-gold"), uniqueEmail("lv-platinum"), uniqueEmail("lv-quiet")];
    await addMember(silver, "2020-01-01", undefined, "silver");
    await addMember(gold, "2020-01-01", undefined, "gold");
    await addMember(platinum, "2020-01-01", undefined, "platinum");
    const quiet = await addMember(quietGold, "2020-01-01", undefined, "gold");
    expect(await optOutOfMemberEmailsAction(null, form({ memberId: quiet.id, token: memberOptOutToken(quiet.id) }))).toEqual({ optedOut: true });

    // The form's order is not the stored order; repeats collapse.
    const chosen = await newSession(["platinum", "gold", "gold"]);
    const none = await newSession([]);
    const queued = await jobsFor(SEND_EMAIL_TASK);
    expect(queued.find((j) => j.key === `email:members-new-session:${chosen.id}`)?.payload).toMatchObject({ levels: ["gold", "platinum"] });
    // No level chosen: no job at all.
    expect(queued.find((j) => j.key === `email:members-new-session:${none.id}`)).toBeUndefined();
    await runJobs();
    await runJobs();
    const sent = await db().select().from(emailMessages).where(like(emailMessages.idempotencyKey, `members-new-session:${chosen.id}:%`));
    const to = sent.map((m) => m.toAddress);
    expect(to).toContain(gold);
    expect(to).toContain(platinum);
    expect(to).not.toContain(silver);
    expect(to).not.toContain(quietGold);
    // What the SMTP server received about this session (other files' new sessions may email these members too).
    const about = (address: string) => mail.to(address).filter((m) => m.subject === `New date for ${chosen.courseTitle}`);
    expect(about(gold)).toHaveLength(1);
    expect(about(platinum)).toHaveLength(1);
    expect(about(silver)).toHaveLength(0);
    expect(about(quietGold)).toHaveLength(0);
    expect(await db().select().from(emailMessages).where(like(emailMessages.idempotencyKey, `members-new-session:${none.id}:%`))).toEqual([]);
  });

  it("tells the presale's levels when a members-only presale opens, once per window, and nothing for a window removed before it opens", async () => {
    const [gold, silver, quietGold] = [uniqueEmail("pre-gold"), uniqueEmail("pre-silver"), uniqueEmail("pre-quiet")];
    await addMember(gold, "2020-01-01", undefined, "gold");
    await addMember(silver, "2020-01-01", undefined, "silver");
    const quiet = await addMember(quietGold, "2020-01-01", undefined, "gold");
    await optOutOfMemberEmailsAction(null, form({ memberId: quiet.id, token: memberOptOutToken(quiet.id) }));
    const zone = env().STAFF_TIME_ZONE;
    const local = (ms: number) => instantToLocal(new Date(Date.now() + ms), zone);
    const offers = (id: string, from: string, until: string) => memberOffersFormSchema.parse({
      target: "ticket_type", id, prices: { silver: "", gold: "", platinum: "" }, presaleFrom: from, presaleUntil: until, presaleLevels: from ? ["gold"] : [],
    });

    // Open now: sent on the next pass, to gold members only.
    const { course, ticketType } = await createSessionFixture();
    const subject = `Members' presale open: ${course.title}: ${ticketType.name}`;
    // The window's times are written once: read again a moment later, a minute may have turned.
    const [openFrom, openUntil] = [local(-3_600_000), local(2 * 86_400_000)];
    await saveMemberOffers(db(), staff, offers(ticketType.id, openFrom, openUntil));
    await runJobs();
    const about = (address: string) => mail.to(address).filter((m) => m.subject === subject);
    expect(about(gold)).toHaveLength(1);
    expect(about(gold)[0].text).toContain(`/courses/${course.slug}`);
    expect(about(silver)).toHaveLength(0);
    expect(about(quietGold)).toHaveLength(0);
    // Saved again unchanged: no new job, no second email.
    await saveMemberOffers(db(), staff, offers(ticketType.id, openFrom, openUntil));
    expect((await jobsFor(SEND_EMAIL_TASK)).filter((j) => j.key === `email:members-presale-open:ticket_type:${ticketType.id}`)).toEqual([]);
    await runJobs();
    expect(about(gold)).toHaveLength(1);

    // Opening later: the job waits for the start; removed meanwhile, it sends nothing when it runs.
    const later = await createSessionFixture();
    await saveMemberOffers(db(), staff, offers(later.ticketType.id, local(3 * 86_400_000), local(5 * 86_400_000)));
    const [job] = (await jobsFor(SEND_EMAIL_TASK)).filter((j) => j.key === `email:members-presale-open:ticket_type:${later.ticketType.id}`);
    const [presale] = await db().select().from(memberPresales).where(eq(memberPresales.ticketTypeId, later.ticketType.id));
    expect(job.run_at.getTime()).toBe(presale.startsAt.getTime());
    await saveMemberOffers(db(), staff, offers(later.ticketType.id, "", ""));
    await db().execute(sql`update graphile_worker._private_jobs set run_at = now() where key = ${job.key}`);
    await runJobs();
    expect(await db().select().from(emailMessages).where(like(emailMessages.idempotencyKey, `members-presale-open:ticket_type:${later.ticketType.id}:%`))).toEqual([]);
  });

  it("refuses a level that does not exist", () => {
    const parsed = sessionSchema.safeParse({ courseId: crypto.randomUUID(), venueId: crypto.randomUUID(), startsAt: localIn(40, "09:00"), endsAt: localIn(40, "17:00"), capacity: "10", notifyLevels: ["bronze"] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path).toEqual(["notifyLevels", 0]);
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

// Fan-club members and reward points: import, earning once per payment, reversal on refund, redemptions
// that never overdraw under concurrency.
import { randomBytes } from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { Membership } from "@/components/customer/membership";
import { and, asc, eq, inArray } from "drizzle-orm";
import { auditLogs, bookingAttendees, members, pointsLedger, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createMember, importMembers } from "@/lib/members/admin";
import { parseMembersCsv } from "@/lib/members/csv";
import { memberPointsForEmail, redeemPoints } from "@/lib/members/ledger";
import { refundBooking } from "@/lib/payments/refund-booking";
import { memberSchema } from "@/lib/validations/members";
import { checkoutEvent, createBookingViaApi, createSessionFixture, db, getBooking, postWebhook } from "../fixtures";
import { uniqueEmail } from "../finance-fixtures";

let actor: { id: string; email: string };
beforeAll(async () => {
  const [user] = await db().insert(users).values({ email: uniqueEmail("member-admin").toLowerCase(), role: "admin" }).returning();
  actor = { id: user.id, email: user.email };
});

const tag = () => randomBytes(4).toString("hex").toUpperCase();
const header = "email,name,level,number,valid_from,valid_until";

async function addMember(level: "silver" | "gold" | "platinum", email = uniqueEmail("member")) {
  return createMember(db(), actor, memberSchema.parse({ email, level, number: `M-${tag()}`, validFrom: "2020-01-01" }));
}
const ledger = (memberId: string) => db().select().from(pointsLedger).where(eq(pointsLedger.memberId, memberId)).orderBy(asc(pointsLedger.createdAt));

describe("member import", () => {
  it("imports a good file whole, with one audit entry", async () => {
    const [a, b] = [uniqueEmail("imp"), uniqueEmail("imp")];
    const [n1, n2] = [`I-${tag()}`, `I-${tag()}`];
    const parsed = parseMembersCsv(`${header}\n${a.toUpperCase()},Ana,Gold,${n1},2026-01-01,2027-01-01\n${b},,platinum,${n2},2026-01-01,\n`);
    if (!parsed.ok) throw new Error(parsed.errors.join());
    expect(await importMembers(db(), actor, parsed.rows)).toEqual({ imported: 2 });
    const rows = await db().select().from(members).where(inArray(members.memberNumber, [n1, n2])).orderBy(asc(members.memberNumber));
    expect(rows.map((r) => [r.email, r.level]).sort()).toEqual([[a, "gold"], [b, "platinum"]].sort());
    const audit = await db().select().from(auditLogs).where(and(eq(auditLogs.actorId, actor.id), eq(auditLogs.action, "member.imported")));
    expect(audit.some((e) => JSON.stringify(e.after).includes(n1))).toBe(true);
  });

  it("refuses a whole file when one line clashes with an existing member, naming the line, and writes nothing", async () => {
    const existing = await addMember("silver");
    const fresh = uniqueEmail("imp");
    const freshNumber = `I-${tag()}`;
    const parsed = parseMembersCsv(`${header}\n${fresh},,gold,${freshNumber},2026-01-01,\n${existing.email.toUpperCase()},,gold,I-${tag()},2026-01-01,\n`);
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const err = await importMembers(db(), actor, parsed.rows).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("conflict");
    expect(String(((err as AppError).details.fields as Record<string, string>).csv)).toContain(`Line 3: ${existing.email} is already a member`);
    expect(await db().select().from(members).where(eq(members.memberNumber, freshNumber))).toEqual([]);
  });

  it("keeps emails unique whatever their case", async () => {
    const m = await addMember("gold");
    const err = await createMember(db(), actor, memberSchema.parse({ email: m.email.toUpperCase(), level: "gold", number: `M-${tag()}`, validFrom: "2020-01-01" }))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "conflict", details: { fields: { email: "This email is already a member" } } });
  });
});

describe("reward points", () => {
  it("earns once per confirmed payment however often the webhook is replayed, at the level's rate", async () => {
    const member = await addMember("gold");
    const { session } = await createSessionFixture({ priceAmount: 12_345 });
    // The booking's email in another case is the same member.
    const { booking } = await createBookingViaApi(session.id, 1, { paymentOption: "full", contact: { name: "Fan", email: member.email.toUpperCase(), phone: "+44 20 7946 0001" } });
    const payload = JSON.stringify(checkoutEvent("checkout.session.completed", booking));
    const answers = await Promise.all(Array.from({ length: 5 }, () => postWebhook(payload)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect((await getBooking(booking.id))!.status).toBe("confirmed");
    const rows = await ledger(member.id);
    // 123.45 GBP at 2 points per pound.
    expect(rows).toMatchObject([{ kind: "earn", points: 246, bookingId: booking.id }]);
    expect(rows[0].expiresAt!.getTime()).toBeGreaterThan(Date.now() + 360 * 86_400_000);
    expect((await memberPointsForEmail(db(), member.email))!.balance).toBe(246);
  });

  it("earns nothing for a customer who is not a member", async () => {
    const email = uniqueEmail("stranger");
    const { session } = await createSessionFixture();
    const { booking } = await createBookingViaApi(session.id, 1, { paymentOption: "full", contact: { name: "Stranger", email, phone: "+44 20 7946 0001" } });
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).status).toBe(200);
    expect(await db().select().from(pointsLedger).where(eq(pointsLedger.bookingId, booking.id))).toEqual([]);
    expect(await memberPointsForEmail(db(), email)).toBeNull();
  });

  it("reverses the refunded share when places are refunded, once per refund", async () => {
    const member = await addMember("platinum");
    const { session } = await createSessionFixture({ priceAmount: 10_000, capacity: 6 });
    const three = [{ firstName: "Ann", lastName: "One" }, { firstName: "Bo", lastName: "Two" }, { firstName: "Cy", lastName: "Three" }];
    const { booking } = await createBookingViaApi(session.id, 3, {
      paymentOption: "full", attendees: three, contact: { name: "Fan", email: member.email, phone: "+44 20 7946 0001" },
    });
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).status).toBe(200);
    // 300.00 at 3 points per unit.
    expect((await memberPointsForEmail(db(), member.email))!.balance).toBe(900);

    const attendees = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id)).orderBy(asc(bookingAttendees.position));
    const key = `refund-${tag()}`;
    const input = { bookingId: booking.id, attendeeIds: [attendees[1].id], amount: 10_000, reason: "Cannot come", idempotencyKey: key };
    await refundBooking(db(), input, actor);
    await refundBooking(db(), input, actor);
    let rows = await ledger(member.id);
    expect(rows.map((r) => [r.kind, r.points])).toEqual([["earn", 900], ["reverse", -300]]);
    expect((await memberPointsForEmail(db(), member.email))!.balance).toBe(600);

    // Points already spent stay spent: the rest of the booking refunded takes back no more than is left.
    await db().transaction((tx) => redeemPoints(tx, member.id, 500));
    await refundBooking(db(), { bookingId: booking.id, attendeeIds: [attendees[0].id, attendees[2].id], amount: 20_000, reason: "Cancelled" }, actor);
    rows = await ledger(member.id);
    expect(rows.map((r) => [r.kind, r.points])).toEqual([["earn", 900], ["reverse", -300], ["redeem", -500], ["reverse", -100]]);
    expect((await memberPointsForEmail(db(), member.email))!.balance).toBe(0);
  });

  it("20 concurrent redemptions never overdraw the balance", async () => {
    const member = await addMember("silver");
    await db().insert(pointsLedger).values({ memberId: member.id, kind: "adjust", points: 100, note: "Opening balance" });
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => db().transaction((tx) => redeemPoints(tx, member.id, 15))));
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(won).toHaveLength(6);
    expect(lost).toHaveLength(14);
    for (const l of lost) expect(l.reason).toMatchObject({ code: "conflict" });
    const rows = await ledger(member.id);
    expect(rows.reduce((s, r) => s + r.points, 0)).toBe(10);
    expect((await memberPointsForEmail(db(), member.email))!.balance).toBe(10);
  });

  it("shows a member their level, number, balance and history", async () => {
    const member = await addMember("gold");
    await db().insert(pointsLedger).values({ memberId: member.id, kind: "adjust", points: 40, note: "Welcome" });
    await db().transaction((tx) => redeemPoints(tx, member.id, 15));
    const data = (await memberPointsForEmail(db(), member.email.toUpperCase()))!;
    const html = renderToStaticMarkup(createElement(Membership, { data, timeZone: "Europe/London" }));
    expect(html).toContain("Gold");
    expect(html).toContain(member.memberNumber);
    expect(html).toMatch(/data-testid="points-balance"><strong>25<\/strong>/);
    expect(html).toContain("+40");
    expect(html).toContain("-15");
  });
});

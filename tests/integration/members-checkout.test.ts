// Members at checkout: member prices only for a verified member who is the contact, presale windows, reward
// points spent in the booking's transaction (never overdrawn) and given back when the places are not kept.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { bookingAttendees, bookingDiscountLines, customerSessions, memberPresales, memberPrices, pointsLedger, ticketTypes, users } from "@/db/schema";
import { previewBookingPrice } from "@/lib/booking/preview-price";
import { customerCookieName } from "@/lib/customer/session-cookie";
import { hashCustomerToken } from "@/lib/customer/sign-in";
import { runMaintenance } from "@/lib/maintenance";
import { createMember } from "@/lib/members/admin";
import { memberOffersOf, saveMemberOffers } from "@/lib/members/offers";
import { memberOffersFormSchema } from "@/lib/validations/member-offers";
import { memberPointsForEmail } from "@/lib/members/ledger";
import { pointsBackOnCancelling } from "@/db/queries/member-points";
import { refundBooking } from "@/lib/payments/refund-booking";
import { createBookingSchema } from "@/lib/validations/booking";
import { memberSchema } from "@/lib/validations/members";
import { bookingBody, checkoutEvent, createSessionFixture, db, getBooking, lapseHold, postBooking, postWebhook, rowCounts } from "../fixtures";
import { invoiceOf, uniqueEmail } from "../finance-fixtures";

let actor: { id: string; email: string };
beforeAll(async () => {
  const [user] = await db().insert(users).values({ email: uniqueEmail("member-checkout-admin").toLowerCase(), role: "admin" }).returning();
  actor = { id: user.id, email: user.email };
});

const tag = () => randomBytes(4).toString("hex").toUpperCase();

async function addMember(level: "silver" | "gold" | "platinum", points = 0) {
  const member = await createMember(db(), actor, memberSchema.parse({ email: uniqueEmail("fan"), level, number: `C-${tag()}`, validFrom: "2020-01-01" }));
  if (points) await db().insert(pointsLedger).values({ memberId: member.id, kind: "adjust", points, note: "Opening balance" });
  return member;
}

/** A customer session for `email`, as a one-use link would open, and the cookie that carries it. */
async function signedIn(email: string) {
  const token = randomBytes(32).toString("base64url");
  await db().insert(customerSessions).values({ email: email.toLowerCase(), tokenHash: hashCustomerToken(token), expiresAt: new Date(Date.now() + 3_600_000) });
  return `${customerCookieName()}=${token}`;
}

const contact = (email: string) => ({ contact: { name: "Fan", email, phone: "+44 20 7946 0001" } });
const ledgerOfBooking = (bookingId: string) =>
  db().select().from(pointsLedger).where(eq(pointsLedger.bookingId, bookingId)).orderBy(asc(pointsLedger.createdAt), asc(pointsLedger.points));
const balance = async (email: string) => (await memberPointsForEmail(db(), email))!.balance;

describe("member prices", () => {
  it("apply only when the verified session email is a current member and the contact email", async () => {
    const { session, ticketType, course } = await createSessionFixture({ priceAmount: 10_000 });
    await db().insert(memberPrices).values([
      { ticketTypeId: ticketType.id, level: "gold", unitAmount: 8_000 },
      { courseId: course.id, level: "silver", unitAmount: 9_500 },
    ]);
    const gold = await addMember("gold");
    const other = await addMember("gold");

    // A member's email with no verified session, or with someone else's: list price.
    const unverified = await postBooking(bookingBody(session.id, 2, contact(gold.email)));
    expect(unverified.status).toBe(201);
    expect(unverified.json).toMatchObject({ totalAmount: 20_000, discounts: [] });
    const mismatch = await postBooking(bookingBody(session.id, 2, contact(gold.email)), { cookie: await signedIn(other.email) });
    expect(mismatch.json).toMatchObject({ totalAmount: 20_000, discounts: [] });

    const verified = await postBooking(bookingBody(session.id, 2, contact(gold.email.toUpperCase())), { cookie: await signedIn(gold.email) });
    expect(verified.status).toBe(201);
    expect(verified.json).toMatchObject({ listAmount: 20_000, totalAmount: 16_000, discounts: [{ source: "member", label: "Member price (Gold)", amount: 4_000 }] });
    const places = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, verified.json.bookingId));
    expect(places.map((p) => [p.unitAmount, p.discountAmount])).toEqual([[8_000, 2_000], [8_000, 2_000]]);

    // The course's price for a level the type has none for.
    const silver = await addMember("silver");
    const s = await postBooking(bookingBody(session.id, 1, contact(silver.email)), { cookie: await signedIn(silver.email) });
    expect(s.json).toMatchObject({ totalAmount: 9_500 });
  });

  it("are refused as a member for an email that is no longer a member", async () => {
    const { session, ticketType } = await createSessionFixture({ priceAmount: 10_000 });
    await db().insert(memberPrices).values({ ticketTypeId: ticketType.id, level: "gold", unitAmount: 5_000 });
    const lapsed = await createMember(db(), actor, memberSchema.parse({ email: uniqueEmail("lapsed"), level: "gold", number: `C-${tag()}`, validFrom: "2020-01-01", validUntil: "2021-01-01" }));
    const r = await postBooking(bookingBody(session.id, 1, contact(lapsed.email)), { cookie: await signedIn(lapsed.email) });
    expect(r.json).toMatchObject({ totalAmount: 10_000, discounts: [] });
  });
});

describe("members-only presale", () => {
  it("refuses the public (409, the place named) and writes nothing, lets members of its levels book", async () => {
    const { session, ticketType } = await createSessionFixture({ priceAmount: 4_000 });
    await db().insert(memberPresales).values({ ticketTypeId: ticketType.id, startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() + 86_400_000), levels: ["gold", "platinum"] });
    const silver = await addMember("silver");
    const before = await rowCounts();
    const publicTry = await postBooking(bookingBody(session.id, 1, contact(uniqueEmail("public"))));
    expect(publicTry.status).toBe(409);
    expect(publicTry.json.error).toMatchObject({
      code: "member_required", message: expect.stringContaining("verify your membership email"),
      fields: { "attendees.0.ticketTypeId": expect.stringContaining("only Gold and Platinum members") },
    });
    // The session's only ticket type is in the presale: no other tickets to suggest.
    expect(publicTry.json.error.message).toBe("During the members' presale only members can book these places: verify your membership email below, or book once the presale has ended.");
    const silverTry = await postBooking(bookingBody(session.id, 1, contact(silver.email)), { cookie: await signedIn(silver.email) });
    expect(silverTry.status).toBe(409);
    expect(await rowCounts()).toEqual(before);

    const gold = await addMember("gold");
    expect((await postBooking(bookingBody(session.id, 1, contact(gold.email)), { cookie: await signedIn(gold.email) })).status).toBe(201);
  });

  it("suggests other tickets only when one the customer could choose is outside the presale", async () => {
    const { session, course, ticketType } = await createSessionFixture({ priceAmount: 4_000 });
    await db().insert(memberPresales).values({ ticketTypeId: ticketType.id, startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() + 86_400_000) });
    // A hidden type is not one the customer could choose.
    await db().insert(ticketTypes).values({ courseId: course.id, name: "Crew", priceAmount: 1_000, visible: false });
    const publicTry = () => postBooking(bookingBody(session.id, 1, {
      ...contact(uniqueEmail("public")), attendees: [{ firstName: "Pub", lastName: "Lic", ticketTypeId: ticketType.id }],
    }));
    const first = await publicTry();
    expect(first.json.error, JSON.stringify(first.json)).toMatchObject({ message: expect.stringContaining("or book once the presale has ended") });
    await db().insert(ticketTypes).values({ courseId: course.id, name: "Balcony", priceAmount: 3_000 });
    const refused = await publicTry();
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toBe("During the members' presale some of these places can only be booked by members: verify your membership email below, or choose other tickets.");
  });

  it("is open to the public once the window has closed", async () => {
    const { session, course } = await createSessionFixture({ priceAmount: 4_000 });
    await db().insert(memberPresales).values({ courseId: course.id, startsAt: new Date(Date.now() - 2 * 86_400_000), endsAt: new Date(Date.now() - 86_400_000) });
    expect((await postBooking(bookingBody(session.id, 1, contact(uniqueEmail("public"))))).status).toBe(201);
  });
});

describe("paying with points", () => {
  it("spends the points in the booking's transaction: a redeem row, a points line, checkout charges the rest", async () => {
    const { session } = await createSessionFixture({ priceAmount: 10_000 });
    const member = await addMember("gold", 3_000);
    const cookie = await signedIn(member.email);
    const body = bookingBody(session.id, 2, { ...contact(member.email), pointsToRedeem: 2_501 });

    const preview = await previewBookingPrice(db(), createBookingSchema.parse(body), new Date(), member.email);
    expect(preview).toMatchObject({ totalAmount: 17_499, member: { level: "gold", balance: 3_000, maxPoints: 3_000 } });

    const r = await postBooking(body, { cookie });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ totalAmount: 17_499, amountDue: 17_499, discounts: [{ source: "points", label: "Reward points (2501)", amount: 2_501 }] });
    expect((await getBooking(r.json.bookingId))!.amountDueNow).toBe(17_499);
    expect((await ledgerOfBooking(r.json.bookingId)).map((l) => [l.kind, l.points])).toEqual([["redeem", -2_501]]);
    const lines = await db().select().from(bookingDiscountLines).where(and(eq(bookingDiscountLines.bookingId, r.json.bookingId), eq(bookingDiscountLines.source, "points")));
    expect(lines.reduce((a, l) => a + l.amount, 0)).toBe(2_501);
    expect(await balance(member.email)).toBe(499);

    // Paid: the invoice shows the points line, with tax on what was left after it.
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", (await getBooking(r.json.bookingId))!)))).status).toBe(200);
    const invoice = (await invoiceOf(r.json.bookingId))!;
    expect(invoice.totalAmount).toBe(17_499);
    expect(invoice.subtotalAmount + invoice.taxAmount).toBe(17_499);
    expect(invoice.lines.map((l) => [l.description, l.amount])).toContainEqual(["Discount: Reward points (2501)", -2_501]);
  });

  it("refuses points beyond the balance, beyond the price, or without a verified member, writing nothing", async () => {
    const { session } = await createSessionFixture({ priceAmount: 1_000, depositAmount: null });
    const member = await addMember("silver", 500);
    const cookie = await signedIn(member.email);
    const before = await rowCounts();
    const tooMany = await postBooking(bookingBody(session.id, 1, { ...contact(member.email), pointsToRedeem: 501 }), { cookie });
    expect(tooMany.status).toBe(409);
    expect(tooMany.json.error).toMatchObject({ code: "points_unavailable", balance: 500, fields: { pointsToRedeem: "You have 500 points to spend" } });
    const stranger = await postBooking(bookingBody(session.id, 1, { ...contact(uniqueEmail("stranger")), pointsToRedeem: 10 }));
    expect(stranger.status).toBe(409);
    expect(stranger.json.error).toMatchObject({ code: "member_required", fields: { pointsToRedeem: expect.stringContaining("verified member") } });
    const negative = await postBooking(bookingBody(session.id, 1, { ...contact(member.email), pointsToRedeem: -5 }), { cookie });
    expect(negative.status).toBe(400);
    expect(negative.json.error.fields).toHaveProperty("pointsToRedeem");

    const rich = await addMember("gold", 5_000);
    const overPrice = await postBooking(bookingBody(session.id, 1, { ...contact(rich.email), pointsToRedeem: 1_001 }), { cookie: await signedIn(rich.email) });
    expect(overPrice.status).toBe(400);
    expect(overPrice.json.error.fields).toEqual({ pointsToRedeem: "At most 1000 points can be used on this booking" });
    expect(await rowCounts()).toEqual(before);
    expect(await balance(member.email)).toBe(500);
    expect(await balance(rich.email)).toBe(5_000);
  });

  it("20 concurrent bookings spending points never overdraw the balance", async () => {
    const { session } = await createSessionFixture({ priceAmount: 1_000, depositAmount: null, capacity: 30 });
    const member = await addMember("platinum", 100);
    const cookie = await signedIn(member.email);
    const answers = await Promise.all(Array.from({ length: 20 }, () =>
      postBooking(bookingBody(session.id, 1, { ...contact(member.email), pointsToRedeem: 15 }), { cookie })));
    const won = answers.filter((a) => a.status === 201);
    const lost = answers.filter((a) => a.status !== 201);
    expect(won).toHaveLength(6);
    for (const l of lost) expect(l.json.error).toMatchObject({ code: "points_unavailable", fields: { pointsToRedeem: expect.any(String) } });
    const rows = await db().select().from(pointsLedger).where(eq(pointsLedger.memberId, member.id));
    expect(rows.reduce((s, r) => s + r.points, 0)).toBe(10);
    expect(rows.filter((r) => r.kind === "redeem")).toHaveLength(6);
    expect(await balance(member.email)).toBe(10);
    // No lapsed pending bookings left behind holding places.
    for (const w of won) await lapseHold(w.json.bookingId);
    await runMaintenance(db());
    expect(await balance(member.email)).toBe(100);
  });

  it("gives every point back when the hold lapses, once however often the sweep runs", async () => {
    const { session } = await createSessionFixture({ priceAmount: 5_000 });
    const member = await addMember("gold", 800);
    const r = await postBooking(bookingBody(session.id, 1, { ...contact(member.email), pointsToRedeem: 700 }), { cookie: await signedIn(member.email) });
    expect(r.status).toBe(201);
    expect(await balance(member.email)).toBe(100);
    await lapseHold(r.json.bookingId);
    await runMaintenance(db());
    await runMaintenance(db());
    expect(await getBooking(r.json.bookingId)).toMatchObject({ status: "expired" });
    expect((await ledgerOfBooking(r.json.bookingId)).map((l) => [l.kind, l.points])).toEqual([["redeem", -700], ["adjust", 700]]);
    expect(await balance(member.email)).toBe(800);
  });

  it("gives back the cancelled places' share on a refund, and the rest when the booking is refunded whole", async () => {
    const { session } = await createSessionFixture({ priceAmount: 10_000, capacity: 6 });
    const member = await addMember("silver", 900);
    const r = await postBooking(bookingBody(session.id, 3, { ...contact(member.email), pointsToRedeem: 900 }), { cookie: await signedIn(member.email) });
    expect(r.json.totalAmount).toBe(29_100);
    expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", (await getBooking(r.json.bookingId))!)))).status).toBe(200);
    const earned = await balance(member.email); // 291.00 at 1 point per unit
    expect(earned).toBe(291);

    const places = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, r.json.bookingId)).orderBy(asc(bookingAttendees.position));
    // Each place paid 9 700 after its 300 of points; refunding one gives its 300 points back.
    expect(places.map((p) => p.unitAmount)).toEqual([9_700, 9_700, 9_700]);
    // The cancel page says so before anything is cancelled: one place's share, or every point for them all.
    expect(await pointsBackOnCancelling(db(), r.json.bookingId, [places[0].id])).toBe(300);
    expect(await pointsBackOnCancelling(db(), r.json.bookingId, places.map((p) => p.id))).toBe(900);
    await refundBooking(db(), { bookingId: r.json.bookingId, attendeeIds: [places[0].id], amount: 9_700, reason: "Cannot come", idempotencyKey: `r-${tag()}` }, actor);
    let given = (await ledgerOfBooking(r.json.bookingId)).filter((l) => l.kind === "adjust").map((l) => l.points);
    expect(given).toEqual([300]);
    expect(await pointsBackOnCancelling(db(), r.json.bookingId, [places[1].id, places[2].id])).toBe(600);
    await refundBooking(db(), { bookingId: r.json.bookingId, attendeeIds: [places[1].id, places[2].id], amount: 19_400, reason: "Cancelled", idempotencyKey: `r-${tag()}` }, actor);
    given = (await ledgerOfBooking(r.json.bookingId)).filter((l) => l.kind === "adjust").map((l) => l.points).sort((a, b) => a - b);
    expect(given).toEqual([300, 600]);
    // The earned points were reversed with the refunds; the spent ones are all back.
    expect(await balance(member.email)).toBe(900);
    // The member's history names the booking of each movement.
    const lines = (await memberPointsForEmail(db(), member.email))!.ledger.filter((l) => l.bookingId === r.json.bookingId);
    expect(lines.every((l) => l.bookingReference === r.json.reference)).toBe(true);
    expect(lines.filter((l) => l.kind === "adjust")).toHaveLength(2);
  });
});

describe("staff setting member offers", () => {
  const form = (id: string, o: Record<string, unknown> = {}) => memberOffersFormSchema.parse({
    target: "ticket_type", id, prices: { silver: "", gold: "80", platinum: "" }, presaleFrom: "", presaleUntil: "", presaleLevels: [], ...o,
  });

  it("refuses a member price at or above the list price and a half-given or backwards presale, writing nothing", async () => {
    const { ticketType } = await createSessionFixture({ priceAmount: 10_000 });
    for (const [values, field] of [
      [{ prices: { silver: "100", gold: "", platinum: "" } }, "prices.silver"],
      [{ prices: { silver: "", gold: "-1", platinum: "" } }, "prices.gold"],
      [{ presaleFrom: "2027-01-01T10:00" }, "presaleUntil"],
      [{ presaleFrom: "2027-01-02T10:00", presaleUntil: "2027-01-01T10:00" }, "presaleUntil"],
    ] as const) {
      const err = await saveMemberOffers(db(), actor, form(ticketType.id, values)).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "invalid_request", details: { fields: { [field]: expect.any(String) } } });
    }
    expect(await memberOffersOf(db(), { target: "ticket_type", id: ticketType.id })).toEqual({ prices: [], presale: null });
  });

  it("replaces a target's prices and presale in one save", async () => {
    const { ticketType } = await createSessionFixture({ priceAmount: 10_000 });
    await saveMemberOffers(db(), actor, form(ticketType.id, { presaleFrom: "2027-01-01T10:00", presaleUntil: "2027-01-08T10:00", presaleLevels: ["gold"] }));
    await saveMemberOffers(db(), actor, form(ticketType.id, { prices: { silver: "95", gold: "", platinum: "70.50" }, presaleFrom: "2027-02-01T10:00", presaleUntil: "2027-02-08T10:00", presaleLevels: ["silver", "gold", "platinum"] }));
    const offers = await memberOffersOf(db(), { target: "ticket_type", id: ticketType.id });
    expect(offers.prices.map((p) => [p.level, p.unitAmount]).sort()).toEqual([["platinum", 7_050], ["silver", 9_500]]);
    // Every level ticked is the same as none: any member.
    expect(offers.presale).toMatchObject({ levels: null });
    expect(offers.presale!.endsAt.getTime() - offers.presale!.startsAt.getTime()).toBe(7 * 86_400_000);
  });
});

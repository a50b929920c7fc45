// The sales dashboard's aggregates against bookings written with known dates and amounts: every figure
// exactly, the filters, and the CSV download with its authorisation.
import { createHash, randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import {
  bookingAttendees, bookingDiscountLines, bookings, checkIns, courseSessions, payments, refunds, specialRequirements, tickets, ticketTypes,
  waitlistEntries,
} from "@/db/schema";
import {
  bookingSize, checkInRate, discountUse, fillByCourse, fillBySession, refundSummary, requirementMix, salesOverTime, sessionsAtRisk, ticketTypeMix,
  waitlistDemand, type AnalyticsScope,
} from "@/db/queries/analytics";
import { GET as exportFigure } from "@/app/admin/analytics/export/route";
import { readAnalyticsFilter } from "@/lib/analytics/filter";
import type { AnalyticsFilter } from "@/lib/validations/analytics";
import { createSessionFixture, db, templateByCode } from "../fixtures";
import { staffCookie } from "../finance-fixtures";

const TZ = "Europe/London";
const NOW = new Date();
const DAY = 86_400_000;
let f: Awaited<ReturnType<typeof createSessionFixture>>;
let concession: { id: string };
let sA1: string, sA2: string, sA3: string, sA4: string;

function scope(over: Partial<AnalyticsFilter> = {}): AnalyticsScope {
  return { filter: { from: "2026-03-01", to: "2026-03-31", interval: "day", course: f.course.id, ...over }, timeZone: TZ, now: NOW };
}

async function addSession(startsAt: Date, capacity: number, placesBooked: number) {
  const [s] = await db().insert(courseSessions).values({
    courseId: f.course.id, venueId: f.venue.id, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), capacity, placesBooked,
  }).returning();
  return s.id;
}

type Place = { type?: "standard" | "concession"; cancelled?: boolean; need?: { code: string; acknowledged?: boolean } };

async function addBooking(sessionId: string, o: {
  places: Place[]; confirmedAt: Date | null; status?: "confirmed" | "refunded" | "pending"; refundedAt?: Date;
}) {
  const amounts = o.places.map((p) => (p.type === "concession" ? 6_000 : 12_000));
  const total = amounts.reduce((a, b) => a + b, 0);
  const paid = o.status === "pending" ? 0 : total;
  const [b] = await db().insert(bookings).values({
    reference: `TRN-${randomUUID().slice(0, 4).toUpperCase()}-${randomUUID().slice(0, 4).toUpperCase()}`, sessionId,
    status: o.status ?? "confirmed", paymentOption: "full", paymentStatus: o.status === "refunded" ? "refunded" : paid ? "paid" : "unpaid",
    attendeeCount: o.places.length, currency: "GBP", unitAmount: null, totalAmount: total, amountDueNow: total, amountPaid: paid,
    amountRefunded: o.status === "refunded" ? paid : 0,
    // A pending booking is a live checkout (its hold well ahead), so no other test's hold sweep releases it.
    holdExpiresAt: o.status === "pending" ? new Date(Date.now() + 86_400_000) : new Date(), contactName: "Pat Booker",
    contactEmail: "pat@example.com", contactPhone: "+44 20 7946 0001", termsAcceptedAt: new Date(), paymentProvider: "simulated",
    confirmedAt: o.confirmedAt,
  }).returning();
  const attendeeIds: string[] = [];
  for (const [i, p] of o.places.entries()) {
    const [a] = await db().insert(bookingAttendees).values({
      bookingId: b.id, position: i + 1, firstName: `A${i}`, lastName: "Tester",
      ticketTypeId: p.type === "concession" ? concession.id : f.ticketType.id, unitAmount: amounts[i],
      cancelledAt: p.cancelled ? new Date() : null,
    }).returning();
    attendeeIds.push(a.id);
    if (p.need) {
      const t = await templateByCode(p.need.code);
      await db().insert(specialRequirements).values({
        bookingId: b.id, attendeeId: a.id, templateId: t.id, category: t.category, priority: t.priority, label: t.label,
        details: "details", acknowledgedAt: p.need.acknowledged ? new Date() : null,
      });
    }
  }
  if (o.refundedAt) {
    const [pay] = await db().insert(payments).values({
      bookingId: b.id, provider: "simulated", providerPaymentId: `pi_${randomUUID()}`, kind: "full", amount: total, currency: "GBP", amountRefunded: total,
    }).returning();
    await db().insert(refunds).values({
      bookingId: b.id, paymentId: pay.id, amount: total, currency: "GBP", reason: "cancelled_by_staff", status: "succeeded", completedAt: o.refundedAt,
    });
  }
  return { booking: b, attendeeIds };
}

async function issueTicket(bookingId: string, attendeeId: string, sessionId: string, o: { checkedIn?: boolean; undone?: boolean } = {}) {
  const id = randomUUID();
  await db().insert(tickets).values({ id, bookingId, attendeeId, sessionId, secretHash: createHash("sha256").update(id).digest("hex") });
  if (o.checkedIn) {
    await db().insert(checkIns).values({ ticketId: id, sessionId, deviceId: "door-1", checkedInAt: new Date(), undoneAt: o.undone ? new Date() : null });
  }
}

beforeAll(async () => {
  f = await createSessionFixture({ priceAmount: 12_000, depositAmount: null, startsInDays: 400 });
  [concession] = await db().insert(ticketTypes).values({ courseId: f.course.id, name: "Concession", priceAmount: 6_000, sortOrder: 1 }).returning();
  sA1 = await addSession(new Date("2026-03-20T10:00:00Z"), 10, 5);
  sA2 = await addSession(new Date("2026-03-25T10:00:00Z"), 20, 2);
  sA3 = await addSession(new Date(NOW.getTime() + 5 * DAY), 10, 5);
  sA4 = await addSession(new Date(NOW.getTime() + 6 * DAY), 10, 1);
  await addSession(new Date(NOW.getTime() + 7 * DAY), 10, 8); // well sold and no needs: not at risk

  const b1 = await addBooking(sA1, {
    confirmedAt: new Date("2026-03-02T10:00:00Z"),
    places: [{ need: { code: "allergy_severe", acknowledged: true } }, {}, { type: "concession" }],
  });
  const b2 = await addBooking(sA1, { confirmedAt: new Date("2026-03-09T00:30:00Z"), places: [{ need: { code: "diet_gluten_free" } }, {}] });
  // Refunded since: still a sale of its day, its places and needs no longer count.
  await addBooking(sA2, {
    confirmedAt: new Date("2026-03-03T12:00:00Z"), status: "refunded", refundedAt: new Date("2026-03-05T09:00:00Z"),
    places: [{ cancelled: true, need: { code: "allergy_severe" } }, { cancelled: true }],
  });
  await addBooking(sA2, { confirmedAt: null, status: "pending", places: [{}] });
  await addBooking(sA2, { confirmedAt: new Date("2026-02-27T10:00:00Z"), places: [{}] }); // before the period
  await addBooking(sA3, { confirmedAt: NOW, places: [{ need: { code: "allergy_severe" } }] });

  await issueTicket(b1.booking.id, b1.attendeeIds[0], sA1, { checkedIn: true });
  await issueTicket(b1.booking.id, b1.attendeeIds[1], sA1, { checkedIn: true });
  await issueTicket(b1.booking.id, b1.attendeeIds[2], sA1, { checkedIn: true, undone: true });
  await issueTicket(b2.booking.id, b2.attendeeIds[0], sA1);
  await issueTicket(b2.booking.id, b2.attendeeIds[1], sA1);
});

describe("analytics aggregates", () => {
  it("sums sales per day and per week in the staff time zone", async () => {
    expect(await salesOverTime(db(), scope())).toEqual([
      { period: "2026-03-02", currency: "GBP", bookings: 1, places: 3, revenue: 30_000 },
      { period: "2026-03-03", currency: "GBP", bookings: 1, places: 2, revenue: 24_000 },
      { period: "2026-03-09", currency: "GBP", bookings: 1, places: 2, revenue: 24_000 },
    ]);
    expect(await salesOverTime(db(), scope({ interval: "week" }))).toEqual([
      { period: "2026-03-02", currency: "GBP", bookings: 2, places: 5, revenue: 54_000 },
      { period: "2026-03-09", currency: "GBP", bookings: 1, places: 2, revenue: 24_000 },
    ]);
    expect(await salesOverTime(db(), scope({ interval: "month", from: "2026-02-01" }))).toEqual([
      { period: "2026-02-01", currency: "GBP", bookings: 1, places: 1, revenue: 12_000 },
      { period: "2026-03-01", currency: "GBP", bookings: 3, places: 7, revenue: 78_000 },
    ]);
  });

  it("cuts days in the staff time zone, not UTC", async () => {
    // 00:30 UTC on 9 March is still 8 March in New York.
    const ny = { ...scope(), timeZone: "America/New_York" };
    expect((await salesOverTime(db(), ny)).map((r) => r.period)).toEqual(["2026-03-02", "2026-03-03", "2026-03-08"]);
  });

  it("averages the booking size", async () => {
    expect(await bookingSize(db(), scope())).toEqual([{ currency: "GBP", bookings: 3, places: 7, averagePlaces: 2.33, averageValue: 26_000 }]);
  });

  it("reports fill per session and per course", async () => {
    const sessions = await fillBySession(db(), scope());
    expect(sessions.map((s) => [s.sessionId, s.capacity, s.placesSold, s.fillRate])).toEqual([[sA1, 10, 5, 0.5], [sA2, 20, 2, 0.1]]);
    expect(await fillByCourse(db(), scope())).toEqual([
      { courseId: f.course.id, course: f.course.title, sessions: 2, capacity: 30, placesSold: 7, fillRate: 7 / 30 },
    ]);
  });

  it("splits places by ticket type, leaving out cancelled places", async () => {
    expect(await ticketTypeMix(db(), scope())).toEqual([
      { ticketType: f.ticketType.name, currency: "GBP", places: 4, amount: 48_000 },
      { ticketType: "Concession", currency: "GBP", places: 1, amount: 6_000 },
    ]);
  });

  it("sums refunds completed in the period", async () => {
    expect(await refundSummary(db(), scope())).toEqual([{ currency: "GBP", reason: "cancelled_by_staff", refunds: 1, amount: 24_000 }]);
    expect(await refundSummary(db(), scope({ from: "2026-03-06" }))).toEqual([]);
  });

  it("counts needs by priority for paid places", async () => {
    expect(await requirementMix(db(), scope())).toEqual([
      { priority: "critical", category: "allergy", needs: 1, acknowledged: 1 },
      { priority: "high", category: "dietary", needs: 1, acknowledged: 0 },
    ]);
  });

  it("reports the check-in rate of sessions that have started", async () => {
    expect(await checkInRate(db(), scope())).toEqual([
      { courseId: f.course.id, course: f.course.title, sessions: 2, tickets: 5, checkedIn: 2, rate: 0.4 },
    ]);
  });

  it("lists upcoming sessions with low fill or unacknowledged Critical needs", async () => {
    const risky = await sessionsAtRisk(db(), scope());
    expect(risky.map((r) => [r.sessionId, r.placesSold, r.lowFill, r.unacknowledgedCritical])).toEqual([[sA3, 5, false, 1], [sA4, 1, true, 0]]);
  });

  it("filters by venue and course", async () => {
    const other = await createSessionFixture();
    expect(await salesOverTime(db(), scope({ venue: other.venue.id }))).toEqual([]);
    expect(await fillBySession(db(), scope({ course: other.course.id }))).toEqual([]);
    expect(await salesOverTime(db(), scope({ venue: f.venue.id }))).toHaveLength(3);
  });
});

describe("discount use and waiting-list demand", () => {
  it("sums discounts per code or rule on bookings sold in the period, and counts each session's waiting list", async () => {
    // A course of its own, so the figures above stay as they are.
    const g = await createSessionFixture({ priceAmount: 10_000, depositAmount: null, startsInDays: 400 });
    const [session] = await db().insert(courseSessions).values({
      courseId: g.course.id, venueId: g.venue.id, startsAt: new Date("2026-03-21T10:00:00Z"), endsAt: new Date("2026-03-21T12:00:00Z"), capacity: 4, placesBooked: 4,
    }).returning();
    const sold = async (confirmedAt: Date, lines: { source: "code" | "group"; label: string; amounts: number[] }[]) => {
      const b = await addBooking(session.id, { confirmedAt, places: lines[0].amounts.map(() => ({})) });
      for (const l of lines) await db().insert(bookingDiscountLines).values(l.amounts.map((amount, i) => ({
        bookingId: b.booking.id, attendeeId: b.attendeeIds[i], source: l.source, label: l.label, amount,
      })));
    };
    await sold(new Date("2026-03-04T10:00:00Z"), [{ source: "code", label: "Code SPRING", amounts: [1_000, 1_000] }]);
    await sold(new Date("2026-03-06T10:00:00Z"), [
      { source: "group", label: "Group of 2+", amounts: [500, 500] }, { source: "code", label: "Code SPRING", amounts: [950, 950] },
    ]);
    await sold(new Date("2026-02-20T10:00:00Z"), [{ source: "code", label: "Code SPRING", amounts: [1_000] }]); // before the period
    const ofG = scope({ course: g.course.id });
    expect(await discountUse(db(), ofG)).toEqual([
      { source: "code", label: "Code SPRING", currency: "GBP", bookings: 2, places: 4, amount: 3_900 },
      { source: "group", label: "Group of 2+", currency: "GBP", bookings: 1, places: 2, amount: 1_000 },
    ]);

    await db().insert(waitlistEntries).values([
      { sessionId: session.id, email: "w1@example.com", places: 2, status: "waiting" },
      { sessionId: session.id, email: "w2@example.com", places: 1, status: "offered" },
      { sessionId: session.id, email: "w3@example.com", places: 1, status: "booked" },
      { sessionId: session.id, email: "w4@example.com", places: 3, status: "left" },
    ]);
    expect(await waitlistDemand(db(), ofG)).toEqual([{
      sessionId: session.id, startsAt: new Date("2026-03-21T10:00:00Z"), course: g.course.title, venue: g.venue.name, timeZone: g.venue.timeZone,
      waiting: 1, placesWaiting: 3, offered: 1, booked: 1,
    }]);
    expect(await waitlistDemand(db(), scope({ course: g.course.id, from: "2026-03-22" }))).toEqual([]);
  });
});

describe("the dashboard filter", () => {
  it("falls back to defaults with field errors for bad values", () => {
    const now = new Date("2026-06-15T12:00:00Z");
    expect(readAnalyticsFilter({}, TZ, now)).toEqual({ filter: { from: "2026-03-17", to: "2026-08-14", interval: "week" }, errors: {} });
    const bad = readAnalyticsFilter({ from: "2026-05-10", to: "2026-05-32", course: "nope", interval: "hour" }, TZ, now);
    expect(bad.errors).toEqual({ to: "Enter a real date", course: "Choose from the list", interval: "Choose day, week or month" });
    expect(bad.filter.from).toBe("2026-03-17");
    expect(readAnalyticsFilter({ from: "2026-05-10", to: "2026-05-01" }, TZ, now).errors)
      .toEqual({ to: "The end date must not be before the start date" });
    expect(readAnalyticsFilter({ from: "2026-05-01", to: "2026-05-10" }, TZ, now).filter.interval).toBe("day");
  });
});

describe("GET /admin/analytics/export", () => {
  const call = (query: string, cookie?: string) =>
    exportFigure(new Request(`http://localhost:3000/admin/analytics/export?${query}`, { headers: cookie ? { cookie } : {} }), { params: Promise.resolve({}) });
  const base = () => `from=2026-03-01&to=2026-03-31&interval=week&course=${f.course.id}`;

  it("downloads a figure as CSV for finance and admins", async () => {
    const { cookie } = await staffCookie("finance");
    const res = await call(`figure=sales&${base()}`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="turnout-sales-2026-03-01-to-2026-03-31.csv"');
    expect(parse(await res.text())).toEqual([
      ["Period starting", "Currency", "Bookings", "Places", "Value"],
      ["2026-03-02", "GBP", "2", "5", "540.00"],
      ["2026-03-09", "GBP", "1", "2", "240.00"],
    ]);
    const admin = await staffCookie("admin");
    const sessions = parse(await (await call(`figure=sessions&${base()}`, admin.cookie)).text());
    expect(sessions[0]).toEqual(["Starts", "Course", "Venue", "Capacity", "Places sold", "Fill rate"]);
    expect(sessions.slice(1).map((r: string[]) => [r[0], r[3], r[4], r[5]])).toEqual([
      ["2026-03-20T10:00:00.000Z", "10", "5", "0.5"], ["2026-03-25T10:00:00.000Z", "20", "2", "0.1"],
    ]);
  });

  it("names requirement categories and refund reasons in words, as the page does", async () => {
    const { cookie } = await staffCookie("finance");
    const needs = parse(await (await call(`figure=requirements&${base()}`, cookie)).text());
    expect(needs.slice(1).map((r: string[]) => r.slice(0, 2))).toEqual([["Critical", "Allergy"], ["High", "Dietary"]]);
    const refunds = parse(await (await call(`figure=refunds&${base()}`, cookie)).text());
    expect(refunds.slice(1).map((r: string[]) => r[1])).toEqual(["Cancelled by staff"]);
  });

  it("serves every figure", async () => {
    const { cookie } = await staffCookie("admin");
    for (const figure of ["sales", "booking-size", "courses", "sessions", "ticket-types", "refunds", "requirements", "check-in", "at-risk"]) {
      const res = await call(`figure=${figure}&${base()}`, cookie);
      expect(res.status, figure).toBe(200);
      expect(parse(await res.text()).length, figure).toBeGreaterThan(1);
    }
  });

  it("refuses door staff and anonymous callers, and bad input", async () => {
    expect((await call(`figure=sales&${base()}`)).status).toBe(401);
    expect((await call(`figure=sales&${base()}`, (await staffCookie("door")).cookie)).status).toBe(403);
    const { cookie } = await staffCookie("admin");
    const unknown = await call(`figure=nope&${base()}`, cookie);
    expect(unknown.status).toBe(400);
    const badDates = await call("figure=sales&from=2026-03-31&to=2026-03-01&interval=day", cookie);
    expect(badDates.status).toBe(400);
    expect((await badDates.json()).error.fields.to).toBeTruthy();
  });
});

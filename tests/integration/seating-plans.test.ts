// Seating plans as staff run them: a CSV with any problem is refused whole with each problem's line, and
// writes nothing; grid plans; a session's plan changes only while no seat is claimed; blocking seats never
// takes a held or booked seat; unblocking removes only blocks; a plan with sales is archived, not deleted.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { auditLogs, courseSessions, seatingPlans, seats, sessionSeats, venues } from "@/db/schema";
import { seatingPlanForStaff, sessionSeatsForStaff, venueSeatingPlans } from "@/db/queries/admin-seating";
import {
  archiveSeatingPlan, createGridSeatingPlan, deleteSeatingPlan, importSeatingPlan, restoreSeatingPlan,
} from "@/app/admin/venues/actions";
import { blockSessionSeats, setSessionSeatingPlan, unblockSessionSeats, updateSession } from "@/app/admin/sessions/actions";
import { instantToLocal } from "@/lib/catalog/sessions";
import { MAX_CSV_BYTES } from "@/lib/seating/plan-seats";
import { bookingBody, createSessionFixture, db, postBooking } from "../fixtures";
import { actAs, staffSession, type TestStaff } from "../next-request";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));

let admin: TestStaff;
beforeEach(async () => {
  admin = await staffSession("admin");
  actAs(admin);
});

const CSV = [
  "section,row,seat,class,x,y,flags",
  "Stalls,A,1,Premium,1,1,wheelchair",
  "Stalls,A,2,Premium,2,1,companion",
  "Stalls,A,3,Premium,3,1,",
  "Stalls,B,1,Standard,1,2,",
  "Stalls,B,2,Standard,2,2,restricted_view;companion",
  "Stalls,B,3,Standard,3,2,",
].join("\n");

async function counts() {
  const [row] = await db().execute<{ plans: number; seats: number; claims: number; audit: number }>(sql`select
    (select count(*) from seating_plans)::int as plans, (select count(*) from seats)::int as seats,
    (select count(*) from session_seats)::int as claims, (select count(*) from audit_logs)::int as audit`);
  return { ...row };
}

const dataOf = <T>(r: unknown) => (r as { data: T }).data;

async function planWithSession(o: { capacity?: number } = {}) {
  const fixture = await createSessionFixture({ capacity: o.capacity ?? 6 });
  const plan = dataOf<{ id: string }>(await importSeatingPlan({ venueId: fixture.venue.id, name: "Main hall", csv: CSV }));
  expect(await setSessionSeatingPlan({ sessionId: fixture.session.id, planId: plan.id })).toEqual({ ok: true, data: null });
  const planSeats = await db().select().from(seats).where(eq(seats.planId, plan.id)).orderBy(asc(seats.sortOrder));
  const seat = (label: string) => planSeats.find((s) => `${s.row}${s.number}` === label)!;
  return { ...fixture, plan, seat };
}

describe("importing a plan from CSV", () => {
  it("stores each seat with its class, position, flags and reading order, and audits the import", async () => {
    const { venue } = await createSessionFixture();
    const result = await importSeatingPlan({ venueId: venue.id, name: "Main hall", csv: CSV });
    expect(result).toMatchObject({ ok: true, data: { seats: 6, venueId: venue.id } });
    const { id } = dataOf<{ id: string }>(result);
    const rows = await db().select().from(seats).where(eq(seats.planId, id)).orderBy(asc(seats.sortOrder));
    expect(rows.map((s) => `${s.row}${s.number}:${s.seatClass}:${s.flags.join("+")}:${s.sortOrder}`)).toEqual([
      "A1:Premium:wheelchair:1", "A2:Premium:companion:2", "A3:Premium::3",
      "B1:Standard::4", "B2:Standard:restricted_view+companion:5", "B3:Standard::6",
    ]);
    expect(rows[4]).toMatchObject({ x: 2, y: 2, section: "Stalls" });
    const audit = await db().select().from(auditLogs).where(eq(auditLogs.entityId, id)).orderBy(asc(auditLogs.createdAt));
    expect(audit).toEqual([expect.objectContaining({
      action: "seating_plan.create", actorId: admin.id, entityType: "seating_plan",
      after: expect.objectContaining({ name: "Main hall", source: "csv", seats: 6, classes: { Premium: 3, Standard: 3 } }),
    })]);
  });

  it("refuses a CSV with problems, naming each line, and writes nothing", async () => {
    const { venue } = await createSessionFixture();
    const before = await counts();
    const bad = [
      "section,row,seat,class,x,y,flags",
      "Stalls,A,1,Premium,1,1,",
      "Stalls,A,2,Premium,2,1,",
      "Stalls,A,,Premium,3,1,",
      "Stalls,A,2,Premium,4,1,",
      "Stalls,A,5,Premium,five,1,",
      "Stalls,A,6,Premium,6,1,vip",
    ].join("\n");
    const result = await importSeatingPlan({ venueId: venue.id, name: "Broken", csv: bad });
    expect(result).toEqual({
      ok: false, code: "invalid_request", message: "The CSV has problems; nothing was saved.",
      fields: { csv: [
        "Line 4: seat is required",
        "Line 5: seat Stalls A 2 is also on line 3",
        'Line 6: x must be a number, not "five"',
        'Line 7: unknown flag "vip" (use wheelchair, companion, restricted_view)',
      ].join(". ") },
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses more than 1 MB, an empty CSV, a missing name and a name the venue already uses", async () => {
    const { venue } = await createSessionFixture();
    expect(await importSeatingPlan({ venueId: venue.id, name: "Hall", csv: CSV })).toMatchObject({ ok: true });
    const before = await counts();
    const huge = `${CSV}\n${"Stalls,C,1,Standard,1,3,\n".repeat(Math.ceil(MAX_CSV_BYTES / 24))}`;
    expect(await importSeatingPlan({ venueId: venue.id, name: "Huge", csv: huge }))
      .toMatchObject({ ok: false, fields: { csv: "The CSV is larger than 1 MB: split the venue into several plans" } });
    expect(await importSeatingPlan({ venueId: venue.id, name: " ", csv: " " }))
      .toMatchObject({ ok: false, fields: { name: "Plan name is required", csv: "Choose a CSV file or paste the seats" } });
    expect(await importSeatingPlan({ venueId: venue.id, name: "Hall", csv: CSV }))
      .toMatchObject({ ok: false, fields: { name: "This venue already has a plan with this name" } });
    expect(await counts()).toEqual(before);
  });
});

describe("grid plans", () => {
  it("builds rows A, B, C… with a class per range of rows", async () => {
    const { venue } = await createSessionFixture();
    const result = await createGridSeatingPlan({
      venueId: venue.id, name: "Studio", section: "Stalls", rows: "4", seatsPerRow: "3", defaultClass: "Standard", classRanges: "A VIP\nB-C Premium",
    });
    expect(result).toMatchObject({ ok: true, data: { seats: 12 } });
    const rows = await db().select().from(seats).where(eq(seats.planId, dataOf<{ id: string }>(result).id)).orderBy(asc(seats.sortOrder));
    expect([...new Set(rows.map((s) => `${s.row}:${s.seatClass}`))]).toEqual(["A:VIP", "B:Premium", "C:Premium", "D:Standard"]);
  });

  it("refuses ranges past the last row with a field error, and writes nothing", async () => {
    const { venue } = await createSessionFixture();
    const before = await counts();
    expect(await createGridSeatingPlan({
      venueId: venue.id, name: "Studio", section: "Stalls", rows: "3", seatsPerRow: "0", defaultClass: "Standard", classRanges: "",
    })).toMatchObject({ ok: false, fields: { seatsPerRow: "Seats per row must be at least 1" } });
    expect(await createGridSeatingPlan({
      venueId: venue.id, name: "Studio", section: "Stalls", rows: "3", seatsPerRow: "4", defaultClass: "Standard", classRanges: "A-E VIP",
    })).toMatchObject({ ok: false, fields: { classRanges: "Line 1: the last row is C" } });
    expect(await counts()).toEqual(before);
  });
});

describe("a session's seating plan", () => {
  it("takes only a plan of the session's venue that is not archived", async () => {
    const { session } = await createSessionFixture();
    const elsewhere = await createSessionFixture();
    const foreign = dataOf<{ id: string }>(await importSeatingPlan({ venueId: elsewhere.venue.id, name: "Other", csv: CSV }));
    expect(await setSessionSeatingPlan({ sessionId: session.id, planId: foreign.id }))
      .toMatchObject({ ok: false, fields: { planId: "Choose a seating plan of this session's venue" } });
    const { plan } = await planWithSession();
    expect(await archiveSeatingPlan({ id: plan.id })).toMatchObject({ ok: true });
    const again = await createSessionFixture();
    await db().update(courseSessions).set({ venueId: (await db().select().from(seatingPlans).where(eq(seatingPlans.id, plan.id)))[0].venueId })
      .where(eq(courseSessions.id, again.session.id));
    expect(await setSessionSeatingPlan({ sessionId: again.session.id, planId: plan.id }))
      .toMatchObject({ ok: false, fields: { planId: "This seating plan is archived: choose another or use it again" } });
    expect(await restoreSeatingPlan({ id: plan.id })).toMatchObject({ ok: true });
    expect(await setSessionSeatingPlan({ sessionId: again.session.id, planId: plan.id })).toMatchObject({ ok: true });
  });

  it("cannot change while a seat is claimed, and a session with a plan cannot move to another venue", async () => {
    const { session, course, seat, venue } = await planWithSession();
    expect(await blockSessionSeats({ sessionId: session.id, seatIds: [seat("A1").id] })).toMatchObject({ ok: true });
    expect(await setSessionSeatingPlan({ sessionId: session.id, planId: "" }))
      .toMatchObject({ ok: false, fields: { planId: "The plan cannot change while seats of this session are held, booked or blocked (1 blocked)" } });
    const [row] = await db().select().from(courseSessions).where(eq(courseSessions.id, session.id));
    expect(row.seatingPlanId).not.toBeNull();

    const [other] = await db().insert(venues).values({
      slug: `other-${randomUUID().slice(0, 8)}`, name: "Other", addressLine1: "2 Road", city: "Leeds", postalCode: "LS1 1AA", country: "GB", timeZone: "Europe/London",
    }).returning();
    const moved = await updateSession({
      id: session.id, courseId: course.id, venueId: other.id, capacity: String(row.capacity),
      startsAt: instantToLocal(row.startsAt, venue.timeZone), endsAt: instantToLocal(row.endsAt, venue.timeZone),
    });
    expect(moved).toMatchObject({ ok: false, fields: { venueId: expect.stringContaining("choose no seating plan") } });

    expect(await unblockSessionSeats({ sessionId: session.id, seatIds: [seat("A1").id] })).toMatchObject({ ok: true });
    expect(await setSessionSeatingPlan({ sessionId: session.id, planId: null })).toEqual({ ok: true, data: null });
    const audit = await db().select().from(auditLogs).where(and(eq(auditLogs.entityId, session.id), eq(auditLogs.action, "session.seating_plan"))).orderBy(asc(auditLogs.createdAt));
    expect(audit).toHaveLength(2);
  });
});

describe("blocking seats", () => {
  it("blocks free seats with a note, reports held ones, and unblocks only blocks", async () => {
    const { session, seat } = await planWithSession();
    // A customer holds B1 in checkout.
    const held = await postBooking(bookingBody(session.id, 1, {
      attendees: [{ firstName: "Sam", lastName: "Seat", seatId: seat("B1").id, requirements: [] }],
    }));
    expect(held.status).toBe(201);

    const result = await blockSessionSeats({ sessionId: session.id, seatIds: [seat("A1").id, seat("A2").id, seat("B1").id], note: "House seats" });
    expect(result).toEqual({ ok: true, data: {
      blocked: ["Stalls A1", "Stalls A2"], alreadyBlocked: [], unavailable: [{ seat: "Stalls B1", status: "held" }],
    } });
    const claims = await db().select().from(sessionSeats).where(eq(sessionSeats.sessionId, session.id));
    expect(claims.filter((c) => c.status === "blocked").map((c) => ({ seatId: c.seatId, note: c.note, bookingId: c.bookingId, attendeeId: c.attendeeId })))
      .toEqual(expect.arrayContaining([
        { seatId: seat("A1").id, note: "House seats", bookingId: null, attendeeId: null },
        { seatId: seat("A2").id, note: "House seats", bookingId: null, attendeeId: null },
      ]));
    const map = await sessionSeatsForStaff(db(), session.id);
    const state = (label: string) => map!.seats.find((s) => `${s.row}${s.number}` === label)!;
    expect(state("A1")).toMatchObject({ state: "blocked", note: "House seats", bookingReference: null });
    expect(state("B1")).toMatchObject({ state: "held", bookingReference: held.json.reference });
    expect(state("B2")).toMatchObject({ state: "available" });

    // Blocking again changes nothing; the customer cannot take a blocked seat.
    expect(await blockSessionSeats({ sessionId: session.id, seatIds: [seat("A1").id] }))
      .toEqual({ ok: true, data: { blocked: [], alreadyBlocked: ["Stalls A1"], unavailable: [] } });
    const refused = await postBooking(bookingBody(session.id, 1, { attendees: [{ firstName: "Al", lastName: "Block", seatId: seat("A2").id, requirements: [] }] }));
    expect(refused.status).toBeGreaterThanOrEqual(400);

    // Unblocking the held seat leaves it held.
    const unblocked = await unblockSessionSeats({ sessionId: session.id, seatIds: [seat("A1").id, seat("B1").id] });
    expect(unblocked).toEqual({ ok: true, data: { unblocked: ["Stalls A1"], notBlocked: 1 } });
    const after = await db().select().from(sessionSeats).where(eq(sessionSeats.sessionId, session.id));
    expect(after.map((c) => `${c.seatId === seat("B1").id ? "B1" : "A2"}:${c.status}`).sort()).toEqual(["A2:blocked", "B1:held"]);
    const audit = await db().select().from(auditLogs).where(eq(auditLogs.entityId, session.id)).orderBy(asc(auditLogs.createdAt));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["session.block_seats", "session.unblock_seats"]));
    expect(audit.filter((a) => a.action === "session.block_seats")).toHaveLength(1);
  });

  it("refuses seats of another plan, and sessions without a plan, writing nothing", async () => {
    const { session } = await planWithSession();
    const other = await planWithSession();
    const before = await counts();
    expect(await blockSessionSeats({ sessionId: session.id, seatIds: [other.seat("A1").id] }))
      .toMatchObject({ ok: false, fields: { seatIds: "Some of the chosen seats are not on this session's seating plan" } });
    const plain = await createSessionFixture();
    expect(await blockSessionSeats({ sessionId: plain.session.id, seatIds: [other.seat("A1").id] }))
      .toMatchObject({ ok: false, code: "conflict", message: "This session has no seating plan." });
    expect(await blockSessionSeats({ sessionId: session.id, seatIds: [] })).toMatchObject({ ok: false, fields: { seatIds: "Choose at least one seat" } });
    expect(await counts()).toEqual(before);
  });
});

describe("archiving and deleting plans", () => {
  it("refuses to delete a plan with sales (archive instead) and deletes an unused one with its seats and blocks", async () => {
    const { session, plan, seat, venue } = await planWithSession();
    const booked = await postBooking(bookingBody(session.id, 1, { attendees: [{ firstName: "Bo", lastName: "Oked", seatId: seat("A3").id, requirements: [] }] }));
    expect(booked.status).toBe(201);
    const before = await counts();
    expect(await deleteSeatingPlan({ id: plan.id }))
      .toMatchObject({ ok: false, code: "conflict", message: expect.stringContaining("Archive it instead") });
    expect(await counts()).toEqual(before);
    expect(await archiveSeatingPlan({ id: plan.id })).toMatchObject({ ok: true });
    const [listed] = await venueSeatingPlans(db(), venue.id);
    expect(listed).toMatchObject({ plan: { id: plan.id, archivedAt: expect.any(Date) }, seats: 6, sessions: 1 });
    expect((await seatingPlanForStaff(db(), plan.id))!.sessions).toEqual([expect.objectContaining({ id: session.id, bookings: 1 })]);

    const unused = await planWithSession();
    await blockSessionSeats({ sessionId: unused.session.id, seatIds: [unused.seat("A1").id] });
    expect(await deleteSeatingPlan({ id: unused.plan.id })).toEqual({ ok: true, data: null });
    expect(await db().select().from(seatingPlans).where(eq(seatingPlans.id, unused.plan.id))).toEqual([]);
    expect(await db().select().from(seats).where(eq(seats.planId, unused.plan.id))).toEqual([]);
    expect(await db().select().from(sessionSeats).where(eq(sessionSeats.sessionId, unused.session.id))).toEqual([]);
    const [s] = await db().select().from(courseSessions).where(eq(courseSessions.id, unused.session.id));
    expect(s.seatingPlanId).toBeNull();
    const audit = await db().select().from(auditLogs).where(eq(auditLogs.entityId, unused.plan.id)).orderBy(asc(auditLogs.createdAt));
    expect(audit.map((a) => a.action)).toEqual(["seating_plan.create", "seating_plan.delete"]);
  });
});

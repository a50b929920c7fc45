// Ticket types as staff run them: bad input writes nothing; a quota never drops below places sold (checked
// under lock and by the inventory's check constraint); a sold type is retired, never deleted; price changes
// leave sold places alone; a session's own types replace the course's for that session.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { auditLogs, bookingAttendees, ticketTypeInventory, ticketTypes } from "@/db/schema";
import { sessionTicketTypes } from "@/db/queries/ticket-types";
import { ticketTypesForStaff } from "@/db/queries/admin-ticket-types";
import {
  createTicketType, deleteTicketType, moveTicketType, retireTicketType, unretireTicketType, updateTicketType,
} from "@/app/admin/ticket-types/actions";
import { bookingBody, checkoutEvent, createBookingViaApi, createSessionFixture, db, lapseHold, postBooking, postWebhook } from "../fixtures";
import { releaseExpiredHolds } from "@/lib/booking/release-expired-holds";
import { actAs, staffSession, type TestStaff } from "../next-request";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));

let admin: TestStaff;
beforeEach(async () => {
  admin = await staffSession("admin");
  actAs(admin);
});

const form = (o: Record<string, unknown> = {}) => ({
  currency: "GBP", name: "Concession", description: "", price: "80.00", deposit: "", quota: "", seatClass: "",
  onSaleFrom: "", onSaleUntil: "", minPerBooking: "0", maxPerBooking: "12", visible: true, ...o,
});

async function counts() {
  const [row] = await db().execute<{ types: number; inventory: number; audit: number }>(sql`select
    (select count(*) from ticket_types)::int as types, (select count(*) from ticket_type_inventory)::int as inventory,
    (select count(*) from audit_logs)::int as audit`);
  return { ...row };
}

const typeRow = async (id: string) => (await db().select().from(ticketTypes).where(eq(ticketTypes.id, id)))[0];
const dataId = (r: unknown) => (r as { data: { id: string } }).data.id;

describe("creating and editing ticket types", () => {
  it("refuses bad input with field errors and writes nothing", async () => {
    const { course } = await createSessionFixture();
    const before = await counts();
    expect(await createTicketType({ courseId: course.id, ...form({ price: "50", deposit: "50" }) }))
      .toMatchObject({ ok: false, code: "invalid_request", fields: { deposit: "The deposit must be less than the price" } });
    expect(await createTicketType({ courseId: course.id, ...form({ name: " ", quota: "0" }) }))
      .toMatchObject({ fields: { name: "Name is required", quota: "Quota must be at least 1" } });
    expect(await createTicketType({ courseId: course.id, ...form({ minPerBooking: "5", maxPerBooking: "2" }) }))
      .toMatchObject({ fields: { minPerBooking: "The minimum cannot be above the maximum" } });
    expect(await createTicketType({ courseId: course.id, ...form({ maxPerBooking: "13", onSaleFrom: "2031-07-02T09:00", onSaleUntil: "2031-07-01T09:00" }) }))
      .toMatchObject({ fields: { maxPerBooking: "Maximum per booking must be at most 12" } });
    expect(await createTicketType({ courseId: course.id, ...form({ onSaleFrom: "2031-07-02T09:00", onSaleUntil: "2031-07-01T09:00" }) }))
      .toMatchObject({ fields: { onSaleUntil: "The end of sales must be after their start" } });
    // Prices typed in a currency the course no longer uses.
    expect(await createTicketType({ courseId: course.id, ...form({ currency: "EUR" }) })).toMatchObject({ ok: false, code: "conflict" });
    expect(await counts()).toEqual(before);
  });

  it("takes a name once among the types on sale in one scope, also when staff add it at the same moment", async () => {
    const { course, session } = await createSessionFixture();
    const vip = await createTicketType({ courseId: course.id, ...form({ name: "VIP" }) });
    expect(vip.ok).toBe(true);
    const before = await counts();
    expect(await createTicketType({ courseId: course.id, ...form({ name: " vip " }) }))
      .toMatchObject({ ok: false, code: "invalid_request", fields: { name: "A ticket type called “vip” is already on sale here: choose another name" } });
    expect(await counts()).toEqual(before);
    // A session's own types are a scope of their own.
    expect((await createTicketType({ courseId: course.id, sessionId: session.id, ...form({ name: "VIP" }) })).ok).toBe(true);

    const results = await Promise.all(Array.from({ length: 8 }, () => createTicketType({ courseId: course.id, ...form({ name: "Gold" }) })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r as { fields?: Record<string, string> }).fields?.name))
      .toEqual(Array(7).fill("A ticket type called “Gold” is already on sale here: choose another name"));

    // Retiring frees the name; the retired one cannot come back beside its successor.
    expect(await retireTicketType({ id: dataId(vip) })).toMatchObject({ ok: true });
    const successor = await createTicketType({ courseId: course.id, ...form({ name: "VIP" }) });
    expect(successor.ok).toBe(true);
    expect(await unretireTicketType({ id: dataId(vip) })).toMatchObject({ ok: false, code: "conflict", message: expect.stringContaining("rename one of them") });
    expect(await updateTicketType({ id: dataId(successor), ...form({ name: "Gold" }) }))
      .toMatchObject({ ok: false, fields: { name: "A ticket type called “Gold” is already on sale here: choose another name" } });
  });

  it("creates a course default in minor units, after the others, with the sale window in the staff time zone, and audits it", async () => {
    const { course, ticketType: standard } = await createSessionFixture();
    const result = await createTicketType({ courseId: course.id, ...form({
      price: "80", deposit: "20.50", quota: "10", seatClass: "Balcony", onSaleFrom: "2031-07-01T09:30", onSaleUntil: "2031-12-01T09:30",
      minPerBooking: "1", maxPerBooking: "4", visible: false,
    }) });
    expect(result.ok).toBe(true);
    const row = await typeRow(dataId(result));
    expect(row).toMatchObject({
      courseId: course.id, sessionId: null, name: "Concession", priceAmount: 8000, depositAmount: 2050, quota: 10, seatClass: "Balcony",
      minPerBooking: 1, maxPerBooking: 4, visible: false, retiredAt: null, sortOrder: standard.sortOrder + 1,
    });
    // Europe/London: summer time in July (UTC+1), winter time in December.
    expect(row.onSaleFrom?.toISOString()).toBe("2031-07-01T08:30:00.000Z");
    expect(row.onSaleUntil?.toISOString()).toBe("2031-12-01T09:30:00.000Z");
    const audit = await db().select().from(auditLogs).where(eq(auditLogs.entityId, row.id)).orderBy(asc(auditLogs.createdAt));
    expect(audit).toEqual([expect.objectContaining({ action: "ticket_type.create", actorId: admin.id, entityType: "ticket_type" })]);
  });

  it("gives a session its own types, read in the venue's time zone, which replace the course's for that session only", async () => {
    const { course, session, ticketType: standard } = await createSessionFixture();
    const other = await createSessionFixture();
    const result = await createTicketType({ courseId: course.id, sessionId: session.id, ...form({ name: "Early bird", price: "60", onSaleUntil: "2031-01-15T18:00" }) });
    const own = await typeRow(dataId(result));
    expect(own).toMatchObject({ sessionId: session.id, priceAmount: 6000 });
    expect(own.onSaleUntil?.toISOString()).toBe("2031-01-15T18:00:00.000Z");
    expect((await sessionTicketTypes(db(), session.id)).map((t) => t.id)).toEqual([own.id]);
    expect((await sessionTicketTypes(db(), other.session.id)).map((t) => t.name)).toEqual(["Standard"]);
    expect(standard.courseId).toBe(course.id);
    // A session of another course cannot take this course's types.
    expect(await createTicketType({ courseId: course.id, sessionId: other.session.id, ...form() })).toMatchObject({ ok: false, code: "session_not_found" });
  });

  it("changes the price for future sales only: places sold keep what they were sold at", async () => {
    const { session, ticketType } = await createSessionFixture({ priceAmount: 12_000 });
    const { booking } = await createBookingViaApi(session.id, 2);
    const result = await updateTicketType({ id: ticketType.id, ...form({ name: "Standard", price: "150", deposit: "30" }) });
    expect(result).toEqual({ ok: true, data: { id: ticketType.id } });
    expect(await typeRow(ticketType.id)).toMatchObject({ priceAmount: 15_000, depositAmount: 3000 });
    const sold = await db().select().from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id));
    expect(sold.map((a) => a.unitAmount)).toEqual([12_000, 12_000]);
    const next = await createBookingViaApi(session.id, 1);
    expect(next.booking.totalAmount).toBe(15_000);
  });
});

describe("quotas", () => {
  it("refuses a quota below the places sold in a session, and copies an accepted one into the session's inventory", async () => {
    const { session, ticketType } = await createSessionFixture({ capacity: 20 });
    // The course's type is sold in one session of the course: 3 paid, 2 held in checkout.
    const paid = await createBookingViaApi(session.id, 3);
    await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", paid.booking)));
    await createBookingViaApi(session.id, 2);
    const [inv] = await db().select().from(ticketTypeInventory).where(eq(ticketTypeInventory.ticketTypeId, ticketType.id));
    expect(inv).toMatchObject({ sessionId: session.id, placesBooked: 3, placesHeld: 2, quota: null });

    const before = await counts();
    const refused = await updateTicketType({ id: ticketType.id, ...form({ name: "Standard", price: "120", quota: "4" }) });
    expect(refused).toMatchObject({
      ok: false, code: "invalid_request",
      fields: { quota: "Quota cannot be below the 5 places of this type already sold in one session (booked or held in checkout)" },
    });
    expect(await typeRow(ticketType.id)).toMatchObject({ quota: null, priceAmount: 12_000 });
    expect(await counts()).toEqual(before);

    expect(await updateTicketType({ id: ticketType.id, ...form({ name: "Standard", price: "120", quota: "5" }) })).toMatchObject({ ok: true });
    const [after] = await db().select().from(ticketTypeInventory).where(eq(ticketTypeInventory.ticketTypeId, ticketType.id));
    expect(after).toMatchObject({ quota: 5, placesBooked: 3, placesHeld: 2 });
    // Sold out at its quota: one more place of the type is refused.
    expect((await postBooking(bookingBody(session.id, 1))).status).toBe(409);

    // Back to no quota: the inventory follows.
    expect(await updateTicketType({ id: ticketType.id, ...form({ name: "Standard", price: "120" }) })).toMatchObject({ ok: true });
    const [unlimited] = await db().select().from(ticketTypeInventory).where(eq(ticketTypeInventory.ticketTypeId, ticketType.id));
    expect(unlimited.quota).toBeNull();
  });

  it("keeps the rule in the database too: a quota below sold is refused by the inventory's check", async () => {
    const { session, ticketType } = await createSessionFixture();
    await createBookingViaApi(session.id, 3);
    await expect(db().update(ticketTypeInventory).set({ quota: 2 }).where(eq(ticketTypeInventory.ticketTypeId, ticketType.id)))
      .rejects.toMatchObject({ cause: expect.objectContaining({ constraint_name: "ticket_type_inventory_within_quota" }) });
  });
});

describe("order, retirement and deletion", () => {
  it("moves a type up and down among its course's defaults", async () => {
    const { course, ticketType: standard } = await createSessionFixture();
    const a = dataId(await createTicketType({ courseId: course.id, ...form({ name: "Concession" }) }));
    const b = dataId(await createTicketType({ courseId: course.id, ...form({ name: "Group" }) }));
    const order = async () => (await sessionTicketTypes(db(), (await db().execute<{ id: string }>(sql`
      select id from course_sessions where course_id = ${course.id} limit 1`))[0].id)).map((t) => t.name);
    expect(await order()).toEqual(["Standard", "Concession", "Group"]);
    expect(await moveTicketType({ id: b, direction: "up" })).toEqual({ ok: true, data: { moved: true } });
    expect(await order()).toEqual(["Standard", "Group", "Concession"]);
    expect(await moveTicketType({ id: standard.id, direction: "up" })).toEqual({ ok: true, data: { moved: false } });
    expect(await moveTicketType({ id: standard.id, direction: "down" })).toMatchObject({ ok: true });
    expect(await order()).toEqual(["Group", "Standard", "Concession"]);
    expect(await moveTicketType({ id: a, direction: "sideways" })).toMatchObject({ ok: false, fields: { direction: "Choose up or down" } });
    const audit = await db().select().from(auditLogs).where(eq(auditLogs.entityId, b)).orderBy(asc(auditLogs.createdAt));
    expect(audit.map((e) => e.action)).toEqual(["ticket_type.create", "ticket_type.reorder"]);
  });

  it("shows the places a type holds now, a lapsed checkout's left out, while still counting it against deleting the type", async () => {
    const { course, session } = await createSessionFixture();
    const kept = await createBookingViaApi(session.id, 2);
    const lapsed = await createBookingViaApi(session.id, 1);
    const listed = async () => (await ticketTypesForStaff(db(), { courseId: course.id, sessionId: null })).map((t) => [t.placesSold, t.placesLive]);
    expect(await listed()).toEqual([[3, 3]]);
    await lapseHold(lapsed.booking.id);
    // The sweep, of this session only: other files share the database.
    await db().transaction((tx) => releaseExpiredHolds(tx, { sessionId: session.id }));
    expect(await listed()).toEqual([[3, 2]]);
    expect(kept.booking.status).toBe("pending");
  });

  it("refuses to delete a type with sales (409, retire instead), retires and un-retires it, and deletes one never sold", async () => {
    const { course, session, ticketType } = await createSessionFixture();
    await createBookingViaApi(session.id, 1);
    const before = await counts();
    const listed = await ticketTypesForStaff(db(), { courseId: course.id, sessionId: null });
    expect(listed.map((t) => [t.name, t.placesSold])).toEqual([["Standard", 1]]);
    const refused = await deleteTicketType({ id: ticketType.id });
    expect(refused).toMatchObject({ ok: false, code: "conflict", message: expect.stringContaining("Retire it instead") });
    expect(await typeRow(ticketType.id)).toBeDefined();
    expect(await counts()).toEqual(before);

    expect(await retireTicketType({ id: ticketType.id })).toMatchObject({ ok: true });
    expect((await typeRow(ticketType.id)).retiredAt).toBeInstanceOf(Date);
    expect(await sessionTicketTypes(db(), session.id)).toEqual([]);
    expect(await unretireTicketType({ id: ticketType.id })).toMatchObject({ ok: true });
    expect((await typeRow(ticketType.id)).retiredAt).toBeNull();

    const unsold = dataId(await createTicketType({ courseId: course.id, ...form() }));
    expect(await deleteTicketType({ id: unsold })).toEqual({ ok: true, data: null });
    expect(await typeRow(unsold)).toBeUndefined();
    const audit = await db().select().from(auditLogs).where(eq(auditLogs.entityId, unsold)).orderBy(asc(auditLogs.createdAt));
    expect(audit.map((e) => e.action)).toEqual(["ticket_type.create", "ticket_type.delete"]);
    expect((await db().select().from(auditLogs).where(eq(auditLogs.entityId, ticketType.id)).orderBy(asc(auditLogs.createdAt))).map((e) => e.action))
      .toEqual(["ticket_type.retire", "ticket_type.unretire"]);
  });
});

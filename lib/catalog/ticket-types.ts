// Ticket types as staff run them: a course's defaults and a session's own types (which replace the defaults
// for that session). Sale windows are typed in the venue's local time for a session's types and in the staff
// time zone for a course's defaults, which serve every venue. A quota change is copied into each session's
// inventory row in the same transaction, where a check constraint refuses a quota below the places sold.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { CHECK_VIOLATION, FOREIGN_KEY_VIOLATION, UNIQUE_VIOLATION, pgErrorOf } from "@/db/pg-error";
import { bookingAttendees, courseSessions, courses, ticketTypeInventory, ticketTypes, venues, type TicketType } from "@/db/schema";
import type { Staff } from "@/lib/auth/guard";
import { recordAudit } from "@/lib/audit/record-audit";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { fieldError } from "@/lib/validations/field-error";
import type { TicketTypeValues } from "@/lib/validations/ticket-types";
import { localToInstant } from "./sessions";

type Scope = { courseId: string; sessionId: string | null };

async function lockType(tx: Tx, id: string): Promise<TicketType> {
  // "No key update": a checkout inserting a place of this type (a key share lock, for the foreign key) is not held up.
  const [row] = await tx.select().from(ticketTypes).where(eq(ticketTypes.id, id)).for("no key update");
  if (!row) throw new AppError("not_found", {}, "That ticket type does not exist.");
  return row;
}

/** The course (locked, so two staff adding types get distinct places in the order) and the zone of its times. */
async function scopeOf(tx: Tx, scope: Scope) {
  const [course] = await tx.select().from(courses).where(eq(courses.id, scope.courseId)).for("no key update");
  if (!course) throw new AppError("not_found", {}, "That course does not exist.");
  if (!scope.sessionId) return { course, timeZone: env().STAFF_TIME_ZONE };
  const [row] = await tx.select({ session: courseSessions, timeZone: venues.timeZone }).from(courseSessions)
    .innerJoin(venues, eq(venues.id, courseSessions.venueId)).where(eq(courseSessions.id, scope.sessionId));
  if (!row || row.session.courseId !== course.id) throw new AppError("session_not_found");
  return { course, timeZone: row.timeZone };
}

/** The types of one scope in the order customers see them. */
function scopeWhere(scope: Scope) {
  return and(eq(ticketTypes.courseId, scope.courseId),
    scope.sessionId ? eq(ticketTypes.sessionId, scope.sessionId) : isNull(ticketTypes.sessionId));
}

function stored(v: TicketTypeValues, timeZone: string) {
  return {
    name: v.name, description: v.description, priceAmount: v.priceAmount, depositAmount: v.depositAmount, quota: v.quota,
    seatClass: v.seatClass, minPerBooking: v.minPerBooking, maxPerBooking: v.maxPerBooking, visible: v.visible,
    onSaleFrom: v.onSaleFrom ? localToInstant(v.onSaleFrom, timeZone) : null,
    onSaleUntil: v.onSaleUntil ? localToInstant(v.onSaleUntil, timeZone) : null,
  };
}

function checkCurrency(v: TicketTypeValues, course: { currency: string }) {
  // Amounts are parsed in the currency the form showed; a course whose currency changed since needs a reload.
  if (v.currency !== course.currency)
    throw new AppError("conflict", {}, `This course is priced in ${course.currency} now: reload the page and enter the price again.`);
}

function quotaBelowSold(err: unknown) {
  const pg = pgErrorOf(err);
  return pg?.code === CHECK_VIOLATION && pg.constraint === "ticket_type_inventory_within_quota";
}

/** The database's refusal of a second type on sale under one name (ticket_types_name_per_scope). */
function nameTaken(err: unknown) {
  const pg = pgErrorOf(err);
  return pg?.code === UNIQUE_VIOLATION && pg.constraint === "ticket_types_name_per_scope";
}

const nameTakenError = (name: string) =>
  fieldError("name", `A ticket type called “${name.trim()}” is already on sale here: choose another name`);

const soldMessage = (sold: number) =>
  `Quota cannot be below the ${sold} ${sold === 1 ? "place" : "places"} of this type already sold in one session (booked or held in checkout)`;

export async function createTicketType(db: Db, staff: Staff, v: TicketTypeValues & Scope) {
  try {
    return await db.transaction(async (tx) => {
      const { course, timeZone } = await scopeOf(tx, v);
      checkCurrency(v, course);
      const [{ next }] = await tx.select({ next: sql<number>`coalesce(max(${ticketTypes.sortOrder}), 0)::int + 1` })
        .from(ticketTypes).where(scopeWhere(v));
      const [type] = await tx.insert(ticketTypes)
        .values({ courseId: v.courseId, sessionId: v.sessionId, ...stored(v, timeZone), sortOrder: next }).returning();
      await recordAudit(tx, staff, { action: "ticket_type.create", entityType: "ticket_type", entityId: type.id, after: type });
      return type;
    });
  } catch (err) {
    if (nameTaken(err)) throw nameTakenError(v.name);
    throw err;
  }
}

/** Price changes apply to future sales only: places sold keep the amount on their booking_attendees row. */
export async function updateTicketType(db: Db, staff: Staff, id: string, v: TicketTypeValues) {
  try {
    return await db.transaction(async (tx) => {
      const before = await lockType(tx, id);
      const { course, timeZone } = await scopeOf(tx, before);
      checkCurrency(v, course);
      if (v.quota !== null) {
        // Lock the inventory rows: a checkout waits here rather than slip in between this check and the update.
        const rows = await tx.select().from(ticketTypeInventory).where(eq(ticketTypeInventory.ticketTypeId, id))
          .orderBy(asc(ticketTypeInventory.sessionId)).for("update");
        const sold = Math.max(0, ...rows.map((r) => r.placesBooked + r.placesHeld));
        if (v.quota < sold) throw fieldError("quota", soldMessage(sold));
      }
      const [after] = await tx.update(ticketTypes).set({ ...stored(v, timeZone), updatedAt: new Date() })
        .where(eq(ticketTypes.id, id)).returning();
      if (before.quota !== after.quota)
        await tx.update(ticketTypeInventory).set({ quota: after.quota }).where(eq(ticketTypeInventory.ticketTypeId, id));
      await recordAudit(tx, staff, { action: "ticket_type.update", entityType: "ticket_type", entityId: id, before, after });
      return after;
    });
  } catch (err) {
    if (quotaBelowSold(err)) throw fieldError("quota", "Quota cannot be below the places of this type already sold");
    if (nameTaken(err)) throw nameTakenError(v.name);
    throw err;
  }
}

/** Moves a type one place up or down among its course's defaults or its session's own types. */
export async function moveTicketType(db: Db, staff: Staff, id: string, direction: "up" | "down") {
  return db.transaction(async (tx) => {
    const type = await lockType(tx, id);
    await scopeOf(tx, type);
    const list = await tx.select().from(ticketTypes).where(scopeWhere(type))
      .orderBy(asc(ticketTypes.sortOrder), asc(ticketTypes.priceAmount), asc(ticketTypes.name));
    const at = list.findIndex((t) => t.id === id);
    const to = direction === "up" ? at - 1 : at + 1;
    if (to < 0 || to >= list.length) return { moved: false };
    [list[at], list[to]] = [list[to], list[at]];
    const before = Object.fromEntries(list.map((t) => [t.id, t.sortOrder]));
    // Renumbered 1, 2, 3…: equal orders from older data become a definite order.
    for (const [i, t] of list.entries())
      if (t.sortOrder !== i + 1) await tx.update(ticketTypes).set({ sortOrder: i + 1 }).where(eq(ticketTypes.id, t.id));
    await recordAudit(tx, staff, {
      action: "ticket_type.reorder", entityType: "ticket_type", entityId: id,
      before, after: Object.fromEntries(list.map((t, i) => [t.id, i + 1])),
    });
    return { moved: true };
  });
}

/** Retired types are no longer sold; places sold keep them. Un-retiring puts them back on sale. */
export async function setTicketTypeRetired(db: Db, staff: Staff, id: string, retired: boolean) {
  let name = "";
  return db.transaction(async (tx) => {
    const before = await lockType(tx, id);
    name = before.name;
    if (Boolean(before.retiredAt) === retired) return before;
    const [after] = await tx.update(ticketTypes).set({ retiredAt: retired ? new Date() : null, updatedAt: new Date() })
      .where(eq(ticketTypes.id, id)).returning();
    await recordAudit(tx, staff, {
      action: retired ? "ticket_type.retire" : "ticket_type.unretire", entityType: "ticket_type", entityId: id,
      before: { retiredAt: before.retiredAt }, after: { retiredAt: after.retiredAt },
    });
    return after;
  }).catch((err) => {
    // Back on sale beside a type given its name meanwhile: one of them is renamed first.
    if (nameTaken(err)) throw new AppError("conflict", {}, `Another ticket type on sale is called “${name}”: rename one of them before putting this one back on sale.`);
    throw err;
  });
}

const HAS_SALES = "This ticket type has been sold, so it cannot be deleted. Retire it instead: it stops being sold and the places sold keep it.";

/** Only a type never sold can be deleted; its empty inventory rows go with it. */
export async function deleteTicketType(db: Db, staff: Staff, id: string) {
  try {
    return await db.transaction(async (tx) => {
      const before = await lockType(tx, id);
      const [sold] = await tx.select({ id: bookingAttendees.id }).from(bookingAttendees)
        .where(eq(bookingAttendees.ticketTypeId, id)).limit(1);
      if (sold) throw new AppError("conflict", {}, HAS_SALES);
      await tx.delete(ticketTypeInventory).where(eq(ticketTypeInventory.ticketTypeId, id));
      await tx.delete(ticketTypes).where(eq(ticketTypes.id, id));
      await recordAudit(tx, staff, { action: "ticket_type.delete", entityType: "ticket_type", entityId: id, before });
      return { id, courseId: before.courseId, sessionId: before.sessionId };
    });
  } catch (err) {
    // A checkout that took a place of this type meanwhile: its row now references the type.
    if (pgErrorOf(err)?.code === FOREIGN_KEY_VIOLATION) throw new AppError("conflict", {}, HAS_SALES);
    throw err;
  }
}

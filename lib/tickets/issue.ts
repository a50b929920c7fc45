// Issuing, reissuing and voiding tickets. Issued in the transaction that confirms a booking, so a paid
// place always has its ticket; voided with the place (db/queries/places.ts) or the session.
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { reusableRows } from "@/db/reusable";
import { bookingAttendees, bookings, ticketRevokedSecrets, tickets } from "@/db/schema";
import { placesWithoutTicket } from "@/db/queries/tickets";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { hashTicketSecret, ticketSecret } from "./secret";

// Run by every payment, built once per number of places (db/reusable.ts).
const insertTicketRows = reusableRows("insert-tickets", tickets, ["id", "attendeeId", "bookingId", "sessionId", "version", "secretHash"],
  (on, rows) => on.insert(tickets).values(rows as unknown as (typeof tickets.$inferInsert)[])
    .onConflictDoNothing({ target: tickets.attendeeId })
    .returning({ id: tickets.id }));

async function insertTickets(tx: DbOrTx, places: { attendeeId: string; bookingId: string; sessionId: string }[]) {
  if (places.length === 0) return 0;
  const rows = places.map((p) => {
    const id = randomUUID();
    return { id, attendeeId: p.attendeeId, bookingId: p.bookingId, sessionId: p.sessionId, version: 1, secretHash: hashTicketSecret(ticketSecret(id, 1)) };
  });
  const inserted = await insertTicketRows(tx, rows);
  return inserted.length;
}

/** One ticket per active place of a confirmed booking; places that already have one keep it. */
export async function issueTicketsForBooking(tx: DbOrTx, bookingId: string) {
  return insertTickets(tx, await placesWithoutTicket(tx, { bookingId }));
}

/** Tickets for every confirmed place without one (bookings confirmed before tickets existed, demo data). */
export async function issueMissingTickets(db: DbOrTx) {
  return insertTickets(db, await placesWithoutTicket(db));
}

/**
 * A lost ticket: a new secret (the version goes up), the old one remembered as revoked so a door scanning
 * it hears "revoked". Any check-in stays as it was.
 */
export async function reissueTicket(db: Db, p: { attendeeId: string }, actor: AuditActor, now = new Date()) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ ticket: tickets, status: bookings.status, reference: bookings.reference, cancelledAt: bookingAttendees.cancelledAt })
      .from(tickets)
      .innerJoin(bookings, eq(bookings.id, tickets.bookingId))
      .innerJoin(bookingAttendees, eq(bookingAttendees.id, tickets.attendeeId))
      .where(eq(tickets.attendeeId, p.attendeeId)).for("update", { of: tickets });
    if (!row) throw new AppError("not_found", {}, "This place has no ticket.");
    if (row.ticket.voidedAt || row.cancelledAt || row.status !== "confirmed")
      throw new AppError("conflict", {}, "This ticket is void: the place is no longer booked.");
    const t = row.ticket;
    const version = t.version + 1;
    await tx.insert(ticketRevokedSecrets).values({ secretHash: t.secretHash, ticketId: t.id, version: t.version, revokedAt: now, revokedBy: actor.id });
    const [after] = await tx.update(tickets)
      .set({ version, secretHash: hashTicketSecret(ticketSecret(t.id, version)), reissuedAt: now, reissuedBy: actor.id })
      .where(and(eq(tickets.id, t.id), eq(tickets.version, t.version), isNull(tickets.voidedAt)))
      .returning();
    await recordAudit(tx, actor, {
      action: "ticket.reissue", entityType: "booking", entityId: t.bookingId,
      before: { ticketId: t.id, version: t.version }, after: { ticketId: t.id, version },
    });
    return after;
  });
}

export async function countTickets(db: DbOrTx, bookingId: string) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tickets).where(eq(tickets.bookingId, bookingId));
  return row.n;
}

/**
 * A booking moved to another session: each valid ticket follows it with a new secret (the version goes up),
 * and the old secret is remembered as revoked, so the old ticket no longer admits anyone anywhere.
 */
export async function moveTicketsToSession(tx: DbOrTx, p: { bookingId: string; sessionId: string; now: Date }) {
  return renewTickets(tx, p);
}

/**
 * New codes for a booking's valid tickets (only `attendeeIds`' when given: places staff put in other seats), on
 * `sessionId`; each old code is remembered as revoked, so a door scanning it hears "revoked".
 */
export async function renewTickets(tx: DbOrTx, p: { bookingId: string; sessionId: string; now: Date; attendeeIds?: string[]; revokedBy?: string | null }) {
  if (p.attendeeIds && p.attendeeIds.length === 0) return 0;
  const rows = await tx.select().from(tickets).where(and(
    eq(tickets.bookingId, p.bookingId), isNull(tickets.voidedAt), p.attendeeIds ? inArray(tickets.attendeeId, p.attendeeIds) : undefined,
  )).for("update");
  for (const t of rows) {
    const version = t.version + 1;
    await tx.insert(ticketRevokedSecrets).values({ secretHash: t.secretHash, ticketId: t.id, version: t.version, revokedAt: p.now, revokedBy: p.revokedBy ?? null });
    await tx.update(tickets).set({ sessionId: p.sessionId, version, secretHash: hashTicketSecret(ticketSecret(t.id, version)), reissuedAt: p.now })
      .where(eq(tickets.id, t.id));
  }
  return rows.length;
}

// Checking tickets in and out at the door. The database decides between doors: a partial unique index
// allows one active check-in per ticket, so of any number of simultaneous scans exactly one inserts and
// the others read who did. Every scan, accepted or refused, is recorded in ticket_scans in the same
// transaction; a client's scan id (offline queues, API retries) makes a scan count once.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db";
import { bookingAttendees, bookings, checkIns, tickets, ticketScans, type ScanMethod } from "@/db/schema";
import {
  doorSession, doorTicketById, doorTicketByHash, revokedTicketId, type DoorSession, type DoorTicketRow,
} from "@/db/queries/check-ins";
import type { Staff } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { hashTicketSecret } from "@/lib/tickets/secret";
import { secretFromScan } from "@/lib/tickets/secret-format";
import { answerDisplay } from "@/lib/validations/questions";
import { emitLazily } from "@/lib/webhooks/emit";
import { buildOutcome, type DoorCheckIn, type DoorTicket, type ScanOutcome, type ScanResultCode } from "./outcome";

export const CHECK_IN_CHANNEL = "turnout_check_in";

export type ScanInput = {
  sessionId: string;
  deviceId: string;
  method: ScanMethod;
  action: "check_in" | "check_out";
  /** What the camera read (or a typed code); or, for a manual search, the ticket id. */
  code?: string;
  ticketId?: string;
  clientId?: string;
  scannedAt?: Date;
  collectedBy?: string;
};

/** The answers shown at the door as the pages write them ("Who may collect this child?: Jane Doe"). */
export const doorNotesOf = (t: Pick<DoorTicketRow, "doorAnswers">) => t.doorAnswers.map((a) => `${a.label}: ${answerDisplay(a.value, a.kind)}`);

const doorTicket = (t: DoorTicketRow): DoorTicket => ({
  id: t.id, name: t.name, reference: t.reference, ticketType: t.ticketType, seat: t.seat, critical: t.critical, doorNotes: doorNotesOf(t),
  session: t.session,
});

/** The session a door works on; unknown: 404 and nothing written. */
export async function requireDoorSession(db: DbOrTx, sessionId: string): Promise<DoorSession> {
  const s = await doorSession(db, sessionId);
  if (!s) throw new AppError("session_not_found");
  return s;
}

type Found = { result: ScanResultCode | null; ticket: DoorTicketRow | null };

async function findTicket(db: DbOrTx, input: ScanInput): Promise<Found> {
  if (input.ticketId) {
    const t = await doorTicketById(db, input.ticketId);
    return { result: t ? null : "unknown", ticket: t };
  }
  const secret = secretFromScan(input.code ?? "");
  if (!secret) return { result: "malformed", ticket: null };
  const hash = hashTicketSecret(secret);
  const t = await doorTicketByHash(db, hash);
  if (t) return { result: null, ticket: t };
  const revokedOf = await revokedTicketId(db, hash);
  return { result: revokedOf ? "revoked" : "unknown", ticket: revokedOf ? await doorTicketById(db, revokedOf) : null };
}

async function activeCheckIn(tx: DbOrTx, ticketId: string): Promise<DoorCheckIn | null> {
  const t = await doorTicketById(tx, ticketId);
  return t?.checkIn ?? null;
}

class Replay extends Error {}

/** attendee.checked_in: ids only (the attendee's name and needs are not sent). */
async function emitCheckedIn(tx: Tx, c: { checkInId: string; ticketId: string; sessionId: string; at: Date; deviceId: string; method: ScanMethod }) {
  await emitLazily(tx, "attendee.checked_in", async () => {
    const [row] = await tx.select({ attendeeId: tickets.attendeeId, bookingId: bookingAttendees.bookingId, reference: bookings.reference })
      .from(tickets).innerJoin(bookingAttendees, eq(bookingAttendees.id, tickets.attendeeId)).innerJoin(bookings, eq(bookings.id, bookingAttendees.bookingId))
      .where(eq(tickets.id, c.ticketId));
    return {
      data: {
        checkInId: c.checkInId, ticketId: c.ticketId, attendeeId: row?.attendeeId ?? null, bookingId: row?.bookingId ?? null,
        reference: row?.reference ?? null, sessionId: c.sessionId, checkedInAt: c.at.toISOString(), deviceId: c.deviceId, method: c.method,
      },
    };
  });
}

type StoredScan = typeof ticketScans.$inferSelect;

/**
 * The answer the scan with this client id got, when this request is that scan again (`same`); another request
 * reusing the id (another ticket, session, device or action) is refused, never given that scan's answer.
 */
async function storedAnswer(db: DbOrTx, clientId: string, session: DoorSession, same: (scan: StoredScan) => Promise<boolean>): Promise<ScanOutcome | null> {
  const [scan] = await db.select().from(ticketScans).where(eq(ticketScans.clientId, clientId));
  if (!scan) return null;
  if (!(await same(scan))) throw new AppError("idempotency_key_reused", {}, "This scan id was already used for another scan: send a new one.");
  const t = scan.ticketId ? await doorTicketById(db, scan.ticketId) : null;
  let checkIn: DoorCheckIn | null = null;
  if (scan.checkInId) {
    const [c] = await db.execute<{ id: string; checked_in_at: string; device_id: string; staff_name: string | null; checked_out_at: string | null; collected_by: string | null }>(sql`
      select c.id, c.checked_in_at, c.device_id, coalesce(u.name, u.email) as staff_name, c.checked_out_at, c.collected_by
      from check_ins c left join users u on u.id = c.staff_user_id where c.id = ${scan.checkInId}`);
    if (c) checkIn = {
      id: c.id, at: new Date(c.checked_in_at).toISOString(), deviceId: c.device_id, staffName: c.staff_name,
      checkedOutAt: c.checked_out_at ? new Date(c.checked_out_at).toISOString() : null, collectedBy: c.collected_by,
    };
  }
  return buildOutcome(scan.result, t ? doorTicket(t) : null, checkIn, session.timeZone, { replayed: true });
}

async function record(tx: Tx, staff: Staff, input: ScanInput, row: { result: ScanResultCode; ticketId: string | null; checkInId: string | null; action: "check_in" | "check_out" | "undo" }, now: Date) {
  const inserted = await tx.insert(ticketScans).values({
    clientId: input.clientId ?? null, sessionId: input.sessionId, ticketId: row.ticketId, checkInId: row.checkInId,
    deviceId: input.deviceId, staffUserId: staff.id, action: row.action, method: input.method, result: row.result,
    scannedAt: input.scannedAt ?? now, recordedAt: now,
  }).onConflictDoNothing({ target: ticketScans.clientId }).returning({ id: ticketScans.id });
  // The same client scan id is being recorded by a concurrent request: its answer is the one that counts.
  if (inserted.length === 0) throw new Replay();
  // Only changes reach the dashboards: NOTIFY serialises commits, so refusals do not pay for it.
  if (row.result === "checked_in" || row.result === "checked_out" || row.result === "undone")
    await tx.execute(sql`select pg_notify(${CHECK_IN_CHANNEL}, ${JSON.stringify({ sessionId: input.sessionId })})`);
}

/**
 * Checks a ticket in (or out) at a door. Refusals are answers, not errors: unknown, malformed, revoked,
 * refunded, cancelled and other-session tickets each get their own result, and only the scan is written.
 */
export async function scanTicket(db: Db, staff: Staff, input: ScanInput, now = new Date()): Promise<ScanOutcome> {
  const session = await requireDoorSession(db, input.sessionId);
  const same = async (scan: StoredScan) => scan.sessionId === session.id && scan.deviceId === input.deviceId && scan.action === input.action
    && scan.ticketId === ((await findTicket(db, input)).ticket?.id ?? null);
  if (input.clientId) {
    const earlier = await storedAnswer(db, input.clientId, session, same);
    if (earlier) return earlier;
  }
  const found = await findTicket(db, input);
  const scannedAt = input.scannedAt ?? now;
  try {
    return await db.transaction(async (tx) => {
      const t = found.ticket;
      const outcome = (result: ScanResultCode, checkIn: DoorCheckIn | null) =>
        buildOutcome(result, t ? doorTicket(t) : null, checkIn, session.timeZone);
      const refuse = async (result: ScanResultCode, checkIn: DoorCheckIn | null = null) => {
        await record(tx, staff, input, { result, ticketId: t?.id ?? null, checkInId: checkIn?.id ?? null, action: input.action }, now);
        return outcome(result, checkIn);
      };

      if (found.result) return refuse(found.result);
      if (!t) return refuse("unknown");
      if (t.sessionId !== session.id) return refuse("wrong_session");
      if (t.voidReason) return refuse(t.voidReason);

      if (input.action === "check_out") {
        if (!session.checkOutRequired) return refuse("check_out_not_offered");
        const [out] = await tx.update(checkIns)
          .set({ checkedOutAt: sql`greatest(${scannedAt.toISOString()}::timestamptz, ${checkIns.checkedInAt})`, checkedOutBy: staff.id, checkedOutDeviceId: input.deviceId, collectedBy: input.collectedBy ?? null })
          .where(and(eq(checkIns.ticketId, t.id), isNull(checkIns.undoneAt), isNull(checkIns.checkedOutAt)))
          .returning({ id: checkIns.id });
        const current = await activeCheckIn(tx, t.id);
        if (out) {
          await record(tx, staff, input, { result: "checked_out", ticketId: t.id, checkInId: out.id, action: "check_out" }, now);
          return outcome("checked_out", current);
        }
        return refuse(current ? "already_checked_out" : "not_checked_in", current);
      }

      // One statement decides: of concurrent scans, one inserts; the rest wait for it and then do nothing. The answer
      // names the staff member as recorded (an API key's scans are its creator's), the name a replay of this scan
      // and other doors' "already checked in" answers read back.
      const inserted = await tx.execute<{ id: string; staff_name: string | null }>(sql`
        insert into check_ins (ticket_id, session_id, device_id, staff_user_id, checked_in_at, recorded_at)
        values (${t.id}, ${session.id}, ${input.deviceId}, ${staff.id}, ${scannedAt.toISOString()}, ${now.toISOString()})
        on conflict (ticket_id) where undone_at is null do nothing
        returning id, (select coalesce(u.name, u.email) from users u where u.id = staff_user_id) as staff_name`);
      if (inserted.length === 1) {
        await record(tx, staff, input, { result: "checked_in", ticketId: t.id, checkInId: inserted[0].id, action: "check_in" }, now);
        await emitCheckedIn(tx, { checkInId: inserted[0].id, ticketId: t.id, sessionId: session.id, at: scannedAt, deviceId: input.deviceId, method: input.method });
        return outcome("checked_in", {
          id: inserted[0].id, at: scannedAt.toISOString(), deviceId: input.deviceId, staffName: inserted[0].staff_name, checkedOutAt: null, collectedBy: null,
        });
      }
      return refuse("already_checked_in", await activeCheckIn(tx, t.id));
    });
  } catch (err) {
    if (err instanceof Replay && input.clientId) {
      const earlier = await storedAnswer(db, input.clientId, session, same);
      if (earlier) return earlier;
    }
    throw err;
  }
}

/** Undoes a mistaken check-in: the ticket can be scanned again; the undo is recorded as a scan. */
export async function undoCheckIn(db: Db, staff: Staff, input: { sessionId: string; checkInId: string; deviceId: string; clientId?: string }, now = new Date()): Promise<ScanOutcome> {
  const session = await requireDoorSession(db, input.sessionId);
  if (input.clientId) {
    const earlier = await storedAnswer(db, input.clientId, session, async (scan) =>
      scan.action === "undo" && scan.sessionId === session.id && scan.deviceId === input.deviceId && scan.checkInId === input.checkInId);
    if (earlier) return earlier;
  }
  return db.transaction(async (tx) => {
    const [undone] = await tx.update(checkIns).set({ undoneAt: now, undoneBy: staff.id })
      .where(and(eq(checkIns.id, input.checkInId), eq(checkIns.sessionId, session.id), isNull(checkIns.undoneAt)))
      .returning();
    if (!undone) throw new AppError("conflict", {}, "This check-in was already undone, or is not of this session.");
    await record(tx, staff, { ...input, method: "manual", action: "check_in" }, { result: "undone", ticketId: undone.ticketId, checkInId: undone.id, action: "undo" }, now);
    const t = await doorTicketById(tx, undone.ticketId);
    return buildOutcome("undone", t ? doorTicket(t) : null, null, session.timeZone);
  });
}

export type SyncItem = {
  clientId: string;
  action: "check_in" | "check_out";
  code?: string;
  ticketId?: string;
  scannedAt: Date;
  collectedBy?: string;
  /** What the device showed when it scanned offline. */
  localResult?: ScanResultCode;
};

/**
 * Scans queued on a device while offline, applied in the order they were made. Idempotent per client id:
 * sending a queue twice changes nothing. A ticket the device let in that another door had let in first is
 * reported as a conflict (the first recorded check-in stands).
 */
export async function syncOfflineScans(db: Db, staff: Staff, p: { sessionId: string; deviceId: string; items: SyncItem[] }) {
  await requireDoorSession(db, p.sessionId);
  const results: (ScanOutcome & { clientId: string })[] = [];
  for (const item of [...p.items].sort((a, b) => a.scannedAt.getTime() - b.scannedAt.getTime())) {
    const outcome = await scanTicket(db, staff, {
      sessionId: p.sessionId, deviceId: p.deviceId, method: "offline", action: item.action, code: item.code, ticketId: item.ticketId,
      clientId: item.clientId, scannedAt: item.scannedAt, collectedBy: item.collectedBy,
    });
    const conflict = item.localResult === "checked_in" && outcome.result === "already_checked_in";
    results.push({ ...outcome, clientId: item.clientId, ...(conflict ? { conflict: true } : {}) });
  }
  return results;
}

// Reads for the door: tickets with what validation and the door screen need, check-ins and arrivals.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";

export type DoorTicketRow = {
  id: string;
  sessionId: string;
  secretHash: string;
  name: string;
  reference: string;
  ticketType: string;
  seat: string | null;
  critical: string[];
  /** Answers to the questions staff show at the door (the attendee's, and the booking's own), in the questions' order. */
  doorAnswers: { label: string; value: string | number | boolean | string[]; kind: string }[];
  /** The ticket's own session: what a door working on another one tells the holder. */
  session: { title: string; startsAt: string; timeZone: string };
  /** Why the ticket is void, if it is: stored on the ticket, or read from its place, booking and session. */
  voidReason: "refunded" | "cancelled" | null;
  checkIn: { id: string; at: string; deviceId: string; staffName: string | null; checkedOutAt: string | null; collectedBy: string | null } | null;
};

type Raw = {
  id: string; session_id: string; secret_hash: string; first_name: string; last_name: string; reference: string; ticket_type: string;
  seat_section: string | null; seat_row: string | null; seat_number: string | null; critical: string[] | null;
  door_answers: DoorTicketRow["doorAnswers"] | null; void_reason: "refunded" | "cancelled" | null;
  check_in_id: string | null; checked_in_at: Date | string | null; device_id: string | null; staff_name: string | null;
  checked_out_at: Date | string | null; collected_by: string | null;
  session_title: string; session_starts_at: Date | string; session_time_zone: string;
};

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

function toRow(r: Raw): DoorTicketRow {
  return {
    id: r.id, sessionId: r.session_id, secretHash: r.secret_hash, name: `${r.first_name} ${r.last_name}`, reference: r.reference,
    ticketType: r.ticket_type,
    seat: r.seat_section ? `${r.seat_section}, row ${r.seat_row}, seat ${r.seat_number}` : null,
    critical: r.critical ?? [], doorAnswers: r.door_answers ?? [], voidReason: r.void_reason,
    session: { title: r.session_title, startsAt: iso(r.session_starts_at)!, timeZone: r.session_time_zone },
    checkIn: r.check_in_id ? {
      id: r.check_in_id, at: iso(r.checked_in_at)!, deviceId: r.device_id!, staffName: r.staff_name, checkedOutAt: iso(r.checked_out_at), collectedBy: r.collected_by,
    } : null,
  };
}

function select(where: ReturnType<typeof sql>) {
  return sql`
    select t.id, t.session_id, t.secret_hash, a.first_name, a.last_name, b.reference, tt.name as ticket_type,
      s.section as seat_section, s.row as seat_row, s.number as seat_number,
      (select array_agg(r.label || coalesce(': ' || r.details, '') order by r.label) from special_requirements r
        where r.attendee_id = a.id and r.priority = 'critical') as critical,
      (select json_agg(json_build_object('label', ba.label, 'value', ba.value, 'kind', q.kind) order by q.sort_order, q.label)
        from booking_answers ba join course_questions q on q.id = ba.question_id
        where q.at_door and ba.booking_id = b.id and (ba.attendee_id = a.id or ba.attendee_id is null)) as door_answers,
      coalesce(t.void_reason, case
        when a.cancelled_at is not null or b.status = 'refunded' then 'refunded'::ticket_void_reason
        when b.status <> 'confirmed' or cs.status = 'cancelled' then 'cancelled'::ticket_void_reason
      end) as void_reason,
      c.id as check_in_id, c.checked_in_at, c.device_id, coalesce(u.name, u.email) as staff_name, c.checked_out_at, c.collected_by,
      co.title as session_title, cs.starts_at as session_starts_at, v.time_zone as session_time_zone
    from tickets t
      join booking_attendees a on a.id = t.attendee_id
      join bookings b on b.id = t.booking_id
      join course_sessions cs on cs.id = t.session_id
      join courses co on co.id = cs.course_id
      join venues v on v.id = cs.venue_id
      join ticket_types tt on tt.id = a.ticket_type_id
      left join seats s on s.id = a.seat_id
      left join check_ins c on c.ticket_id = t.id and c.undone_at is null
      left join users u on u.id = c.staff_user_id
    where ${where}`;
}

export async function doorTicketByHash(db: DbOrTx, secretHash: string): Promise<DoorTicketRow | null> {
  const [r] = await db.execute<Raw>(select(sql`t.secret_hash = ${secretHash}`));
  return r ? toRow(r) : null;
}

export async function doorTicketById(db: DbOrTx, ticketId: string): Promise<DoorTicketRow | null> {
  const [r] = await db.execute<Raw>(select(sql`t.id = ${ticketId}`));
  return r ? toRow(r) : null;
}

/** Every ticket of a session, void ones included (so the door can say why), in name order. */
export async function doorTicketsOfSession(db: DbOrTx, sessionId: string): Promise<DoorTicketRow[]> {
  const rows = await db.execute<Raw>(sql`${select(sql`t.session_id = ${sessionId}`)} order by a.last_name, a.first_name, b.reference`);
  return rows.map(toRow);
}

/** The ticket a revoked secret belonged to. */
export async function revokedTicketId(db: DbOrTx, secretHash: string): Promise<string | null> {
  const [r] = await db.execute<{ ticket_id: string }>(sql`select ticket_id from ticket_revoked_secrets where secret_hash = ${secretHash}`);
  return r?.ticket_id ?? null;
}

export async function revokedHashesOfSession(db: DbOrTx, sessionId: string) {
  const rows = await db.execute<{ secret_hash: string; ticket_id: string }>(sql`
    select r.secret_hash, r.ticket_id from ticket_revoked_secrets r join tickets t on t.id = r.ticket_id where t.session_id = ${sessionId}`);
  return rows.map((r) => ({ hash: r.secret_hash, ticketId: r.ticket_id }));
}

export type DoorSession = { id: string; title: string; startsAt: Date; endsAt: Date; timeZone: string; venueName: string; status: string; checkOutRequired: boolean };

export async function doorSession(db: DbOrTx, sessionId: string): Promise<DoorSession | null> {
  const [r] = await db.execute<{ id: string; title: string; starts_at: Date | string; ends_at: Date | string; time_zone: string; venue_name: string; status: string; check_out_required: boolean }>(sql`
    select cs.id, c.title, cs.starts_at, cs.ends_at, v.time_zone, v.name as venue_name, cs.status, cs.check_out_required
    from course_sessions cs join courses c on c.id = cs.course_id join venues v on v.id = cs.venue_id where cs.id = ${sessionId}`);
  return r ? {
    id: r.id, title: r.title, startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at), timeZone: r.time_zone, venueName: r.venue_name,
    status: r.status, checkOutRequired: r.check_out_required,
  } : null;
}

/** Sessions a door can pick: those not yet ended from the start of today (UTC-safe: a day's margin), soonest first. */
export async function doorSessions(db: DbOrTx, now: Date) {
  const rows = await db.execute<{ id: string; title: string; starts_at: Date | string; ends_at: Date | string; time_zone: string; venue_name: string }>(sql`
    select cs.id, c.title, cs.starts_at, cs.ends_at, v.time_zone, v.name as venue_name
    from course_sessions cs join courses c on c.id = cs.course_id join venues v on v.id = cs.venue_id
    where cs.status = 'scheduled' and cs.ends_at > ${now.toISOString()}::timestamptz - interval '12 hours'
    order by cs.starts_at limit 100`);
  return rows.map((r) => ({ id: r.id, title: r.title, startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at), timeZone: r.time_zone, venueName: r.venue_name }));
}

/** Arrived / expected per session, for the live dashboards. Void tickets are not expected. */
export async function arrivalCounts(db: DbOrTx, sessionIds: string[]): Promise<Map<string, { arrived: number; expected: number }>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db.execute<{ session_id: string; expected: number; arrived: number }>(sql`
    select t.session_id, count(*)::int as expected, count(c.id)::int as arrived
    from tickets t
      join booking_attendees a on a.id = t.attendee_id
      join bookings b on b.id = t.booking_id
      left join check_ins c on c.ticket_id = t.id and c.undone_at is null
    where t.session_id in ${sql`(${sql.join(sessionIds.map((id) => sql`${id}`), sql`, `)})`}
      and t.voided_at is null and a.cancelled_at is null and b.status = 'confirmed'
    group by t.session_id`);
  return new Map(rows.map((r) => [r.session_id, { arrived: r.arrived, expected: r.expected }]));
}

/** The names of a booking's attendees checked in (and not undone) at `sessionId`: they have arrived there. */
export async function arrivedAttendees(db: DbOrTx, bookingId: string, sessionId: string): Promise<string[]> {
  const rows = await db.execute<{ name: string }>(sql`
    select a.first_name || ' ' || a.last_name as name from check_ins c
    join tickets t on t.id = c.ticket_id join booking_attendees a on a.id = t.attendee_id
    where t.booking_id = ${bookingId} and c.session_id = ${sessionId} and c.undone_at is null
    order by a.position`);
  return rows.map((r) => r.name);
}

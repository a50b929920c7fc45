// Sales analytics: every figure of the staff dashboard as one SQL aggregate. Sales figures count bookings
// by the time they were confirmed (paid); session figures count sessions by when they start. Days are cut
// in the staff time zone. Sums come back as bigint text from PostgreSQL and are turned into numbers here.
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";

/** A validated filter (lib/validations/analytics.ts): days in `timeZone`, both ends included. */
export type AnalyticsFilter = { from: string; to: string; course?: string; venue?: string; interval: "day" | "week" | "month" };
export type AnalyticsScope = { filter: AnalyticsFilter; timeZone: string; now: Date };

/** Sessions starting within the next this many days are checked for risks, whatever the period. */
export const AT_RISK_HORIZON_DAYS = 30;
/** A session with fewer places sold than this share of its capacity is at risk. */
export const LOW_FILL_RATE = 0.3;
/** Session lists stop here; the course figures still count every session. */
export const SESSION_ROW_LIMIT = 1000;

function rangeStart(s: AnalyticsScope): SQL {
  return sql`((${s.filter.from}::date)::timestamp at time zone ${s.timeZone})`;
}
function rangeEnd(s: AnalyticsScope): SQL {
  return sql`((${s.filter.to}::date + 1)::timestamp at time zone ${s.timeZone})`;
}
/** Conditions on the course session `s` from the course and venue filters. */
function sessionFilter(s: AnalyticsScope): SQL {
  const parts: SQL[] = [sql`true`];
  if (s.filter.course) parts.push(sql`s.course_id = ${s.filter.course}`);
  if (s.filter.venue) parts.push(sql`s.venue_id = ${s.filter.venue}`);
  return sql.join(parts, sql` and `);
}
const hasSessionFilter = (s: AnalyticsScope) => Boolean(s.filter.course || s.filter.venue);
/** `bookings b`, joined to its session only when the course or venue filter needs it. */
function soldBookingsFrom(s: AnalyticsScope): SQL {
  return hasSessionFilter(s) ? sql`bookings b join course_sessions s on s.id = b.session_id and ${sessionFilter(s)}` : sql`bookings b`;
}
/** Bookings sold (confirmed, whatever happened since) within the period. */
function soldInPeriod(s: AnalyticsScope): SQL {
  return sql`b.confirmed_at >= ${rangeStart(s)} and b.confirmed_at < ${rangeEnd(s)}`;
}

const num = (v: unknown) => Number(v ?? 0);

export type SalesPoint = { period: string; currency: string; bookings: number; places: number; revenue: number };

/** Bookings, places and booked value (total price, minor units) per period and currency. */
export async function salesOverTime(db: DbOrTx, s: AnalyticsScope): Promise<SalesPoint[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select to_char(date_trunc(${s.filter.interval}, b.confirmed_at at time zone ${s.timeZone}), 'YYYY-MM-DD') as period,
      b.currency, count(*) as bookings, sum(b.attendee_count) as places, sum(b.total_amount) as revenue
    from ${soldBookingsFrom(s)} where ${soldInPeriod(s)}
    group by 1, 2 order by 1, 2`);
  return rows.map((r) => ({ period: String(r.period), currency: String(r.currency), bookings: num(r.bookings), places: num(r.places), revenue: num(r.revenue) }));
}

export type SessionFill = {
  sessionId: string; startsAt: Date; course: string; venue: string; timeZone: string; capacity: number; placesSold: number; fillRate: number;
};

/** Scheduled sessions starting in the period (time-slot days excluded: their capacity caps nothing). */
export async function fillBySession(db: DbOrTx, s: AnalyticsScope): Promise<SessionFill[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select s.id, s.starts_at, c.title, v.name, v.time_zone, s.capacity, s.places_booked
    from course_sessions s join courses c on c.id = s.course_id join venues v on v.id = s.venue_id
    where s.starts_at >= ${rangeStart(s)} and s.starts_at < ${rangeEnd(s)} and s.status = 'scheduled' and s.slot_date is null
      and ${sessionFilter(s)}
    order by s.starts_at, c.title limit ${SESSION_ROW_LIMIT}`);
  return rows.map((r) => ({
    sessionId: String(r.id), startsAt: new Date(String(r.starts_at)), course: String(r.title), venue: String(r.name), timeZone: String(r.time_zone),
    capacity: num(r.capacity), placesSold: num(r.places_booked), fillRate: num(r.places_booked) / num(r.capacity),
  }));
}

export type CourseFill = { courseId: string; course: string; sessions: number; capacity: number; placesSold: number; fillRate: number };

export async function fillByCourse(db: DbOrTx, s: AnalyticsScope): Promise<CourseFill[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select c.id, c.title, count(*) as sessions, sum(s.capacity) as capacity, sum(s.places_booked) as places
    from course_sessions s join courses c on c.id = s.course_id
    where s.starts_at >= ${rangeStart(s)} and s.starts_at < ${rangeEnd(s)} and s.status = 'scheduled' and s.slot_date is null
      and ${sessionFilter(s)}
    group by c.id, c.title order by c.title`);
  return rows.map((r) => ({
    courseId: String(r.id), course: String(r.title), sessions: num(r.sessions), capacity: num(r.capacity), placesSold: num(r.places),
    fillRate: num(r.capacity) ? num(r.places) / num(r.capacity) : 0,
  }));
}

export type TicketTypeShare = { ticketType: string; currency: string; places: number; amount: number };

/** Places sold in the period by ticket type name (places cancelled since are left out). */
export async function ticketTypeMix(db: DbOrTx, s: AnalyticsScope): Promise<TicketTypeShare[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select tt.name, b.currency, count(*) as places, sum(a.unit_amount) as amount
    from ${soldBookingsFrom(s)}
    join booking_attendees a on a.booking_id = b.id and a.cancelled_at is null
    join ticket_types tt on tt.id = a.ticket_type_id
    where ${soldInPeriod(s)}
    group by 1, 2 order by 3 desc, 1, 2`);
  return rows.map((r) => ({ ticketType: String(r.name), currency: String(r.currency), places: num(r.places), amount: num(r.amount) }));
}

export type RefundFigure = { currency: string; reason: string; refunds: number; amount: number };

/** Refunds the provider completed in the period, by currency and reason. */
export async function refundSummary(db: DbOrTx, s: AnalyticsScope): Promise<RefundFigure[]> {
  const join = hasSessionFilter(s)
    ? sql`join bookings b on b.id = r.booking_id join course_sessions s on s.id = b.session_id and ${sessionFilter(s)}` : sql``;
  const rows = await db.execute<Record<string, unknown>>(sql`
    select r.currency, r.reason, count(*) as refunds, sum(r.amount) as amount
    from refunds r ${join}
    where r.status = 'succeeded' and r.completed_at >= ${rangeStart(s)} and r.completed_at < ${rangeEnd(s)}
    group by 1, 2 order by 1, 2`);
  return rows.map((r) => ({ currency: String(r.currency), reason: String(r.reason), refunds: num(r.refunds), amount: num(r.amount) }));
}

export type BookingSize = { currency: string; bookings: number; places: number; averagePlaces: number; averageValue: number };

/** Average places and value (minor units, rounded) per booking sold in the period, per currency. */
export async function bookingSize(db: DbOrTx, s: AnalyticsScope): Promise<BookingSize[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select b.currency, count(*) as bookings, sum(b.attendee_count) as places, round(avg(b.total_amount)) as average_value
    from ${soldBookingsFrom(s)} where ${soldInPeriod(s)}
    group by 1 order by 1`);
  return rows.map((r) => ({
    currency: String(r.currency), bookings: num(r.bookings), places: num(r.places),
    averagePlaces: Math.round((num(r.places) / num(r.bookings)) * 100) / 100, averageValue: num(r.average_value),
  }));
}

export type RequirementShare = { priority: string; category: string; needs: number; acknowledged: number };

/** Needs declared for places of paid bookings in sessions starting in the period, by priority and category. */
export async function requirementMix(db: DbOrTx, s: AnalyticsScope): Promise<RequirementShare[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select r.priority::text as priority, r.category::text as category, count(*) as needs, count(r.acknowledged_at) as acknowledged
    from course_sessions s
    join bookings b on b.session_id = s.id and b.status = 'confirmed'
    join special_requirements r on r.booking_id = b.id
    where s.starts_at >= ${rangeStart(s)} and s.starts_at < ${rangeEnd(s)} and s.status = 'scheduled' and ${sessionFilter(s)}
      -- A place cancelled since takes its needs with it; few are, so this probes the key rather than joining every attendee.
      and not exists (select 1 from booking_attendees a where a.id = r.attendee_id and a.cancelled_at is not null)
    group by r.priority, r.category order by r.priority, r.category`);
  return rows.map((r) => ({ priority: String(r.priority), category: String(r.category), needs: num(r.needs), acknowledged: num(r.acknowledged) }));
}

export type CheckInFigure = { courseId: string; course: string; sessions: number; tickets: number; checkedIn: number; rate: number };

/** For sessions of the period that have started: valid tickets and how many were let in, per course. */
export async function checkInRate(db: DbOrTx, s: AnalyticsScope): Promise<CheckInFigure[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select c.id, c.title, count(distinct s.id) as sessions, count(t.id) as tickets, count(ci.id) as checked_in
    from course_sessions s
    join courses c on c.id = s.course_id
    left join tickets t on t.session_id = s.id and t.voided_at is null
    left join check_ins ci on ci.ticket_id = t.id and ci.undone_at is null
    where s.starts_at >= ${rangeStart(s)} and s.starts_at < ${rangeEnd(s)} and s.starts_at <= ${s.now.toISOString()}::timestamptz
      and s.status = 'scheduled' and ${sessionFilter(s)}
    group by c.id, c.title order by c.title`);
  return rows.map((r) => ({
    courseId: String(r.id), course: String(r.title), sessions: num(r.sessions), tickets: num(r.tickets), checkedIn: num(r.checked_in),
    rate: num(r.tickets) ? num(r.checked_in) / num(r.tickets) : 0,
  }));
}

export type SessionAtRisk = SessionFill & { unacknowledgedCritical: number; lowFill: boolean };

/**
 * Scheduled sessions of the next AT_RISK_HORIZON_DAYS (whatever the period; the course and venue filters
 * apply) that sold under LOW_FILL_RATE of their places or have Critical needs nobody acknowledged yet.
 */
export async function sessionsAtRisk(db: DbOrTx, s: AnalyticsScope): Promise<SessionAtRisk[]> {
  const horizon = new Date(s.now.getTime() + AT_RISK_HORIZON_DAYS * 86_400_000);
  const rows = await db.execute<Record<string, unknown>>(sql`
    with upcoming as (
      select s.id, s.starts_at, c.title, v.name, v.time_zone, s.capacity, s.places_booked,
        (select count(*) from special_requirements r
          join bookings b on b.id = r.booking_id and b.status = 'confirmed'
          join booking_attendees a on a.id = r.attendee_id and a.cancelled_at is null
          where b.session_id = s.id and r.priority = 'critical' and r.acknowledged_at is null) as unacknowledged
      from course_sessions s join courses c on c.id = s.course_id join venues v on v.id = s.venue_id
      where s.starts_at >= ${s.now.toISOString()}::timestamptz and s.starts_at < ${horizon.toISOString()}::timestamptz and s.status = 'scheduled' and s.slot_date is null
        and ${sessionFilter(s)}
    )
    select * from upcoming
    where places_booked < capacity * ${LOW_FILL_RATE}::float8 or unacknowledged > 0
    order by starts_at, title limit ${SESSION_ROW_LIMIT}`);
  return rows.map((r) => ({
    sessionId: String(r.id), startsAt: new Date(String(r.starts_at)), course: String(r.title), venue: String(r.name), timeZone: String(r.time_zone),
    capacity: num(r.capacity), placesSold: num(r.places_booked), fillRate: num(r.places_booked) / num(r.capacity),
    unacknowledgedCritical: num(r.unacknowledged), lowFill: num(r.places_booked) < num(r.capacity) * LOW_FILL_RATE,
  }));
}

export type DiscountUse = { source: string; label: string; currency: string; bookings: number; places: number; amount: number };

/** Discounts on bookings sold in the period, per code or automatic rule and currency (amount: minor units taken off). */
export async function discountUse(db: DbOrTx, s: AnalyticsScope): Promise<DiscountUse[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select d.source, d.label, b.currency, count(distinct b.id) as bookings, count(distinct d.attendee_id) as places, sum(d.amount) as amount
    from ${soldBookingsFrom(s)} join booking_discount_lines d on d.booking_id = b.id
    where ${soldInPeriod(s)}
    group by 1, 2, 3 order by 6 desc, 2`);
  return rows.map((r) => ({
    source: String(r.source), label: String(r.label), currency: String(r.currency),
    bookings: num(r.bookings), places: num(r.places), amount: num(r.amount),
  }));
}

export type WaitlistDemand = {
  sessionId: string; startsAt: Date; course: string; venue: string; timeZone: string;
  waiting: number; placesWaiting: number; offered: number; booked: number;
};

/** Sessions starting in the period with a waiting list: who still waits (and for how many places), offers open, bookings made from it. */
export async function waitlistDemand(db: DbOrTx, s: AnalyticsScope): Promise<WaitlistDemand[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select s.id, s.starts_at, c.title, v.name, v.time_zone,
      count(*) filter (where e.status = 'waiting') as waiting,
      coalesce(sum(e.places) filter (where e.status in ('waiting', 'offered')), 0) as places_waiting,
      count(*) filter (where e.status = 'offered') as offered,
      count(*) filter (where e.status = 'booked') as booked
    from waitlist_entries e join course_sessions s on s.id = e.session_id
      join courses c on c.id = s.course_id join venues v on v.id = s.venue_id
    where s.starts_at >= ${rangeStart(s)} and s.starts_at < ${rangeEnd(s)} and ${sessionFilter(s)}
    group by s.id, s.starts_at, c.title, v.name, v.time_zone
    order by places_waiting desc, s.starts_at limit ${SESSION_ROW_LIMIT}`);
  return rows.map((r) => ({
    sessionId: String(r.id), startsAt: new Date(String(r.starts_at)), course: String(r.title), venue: String(r.name), timeZone: String(r.time_zone),
    waiting: num(r.waiting), placesWaiting: num(r.places_waiting), offered: num(r.offered), booked: num(r.booked),
  }));
}

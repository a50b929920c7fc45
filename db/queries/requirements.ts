// Reads and writes behind the requirements dashboard: upcoming sessions, the needs of their confirmed
// attendees, preparation checklists and what each venue offers.
import { and, asc, eq, gt, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import { reusableSql, value } from "@/db/reusable";
import {
  bookingAttendees, bookings, checklistItems, courseSessions, courses, requirementTemplates, specialRequirements, users, venueFeatures, venues, seats, slotOfferings, ticketTypes,
  type RequirementCategory, type RequirementPriority,
} from "@/db/schema";

/** The dashboard's filters, validated (lib/validations/requirements.ts): dates as YYYY-MM-DD. */
export type DashboardFilter = {
  course?: string; session?: string; from?: string; to?: string; category?: RequirementCategory; priority?: RequirementPriority;
};

export type DashboardSessionRow = Awaited<ReturnType<typeof listDashboardSessions>>[number];

/** Scheduled sessions not yet over, oldest first, narrowed by the dashboard's course/session/date filters. */
export async function listDashboardSessions(db: DbOrTx, f: DashboardFilter, now = new Date(), limit = 100) {
  const where: SQL[] = [eq(courseSessions.status, "scheduled"), gt(courseSessions.endsAt, now)];
  if (f.course) where.push(eq(courseSessions.courseId, f.course));
  if (f.session) where.push(eq(courseSessions.id, f.session));
  // Dates are the venue's calendar dates.
  if (f.from) where.push(sql`(${courseSessions.startsAt} at time zone ${venues.timeZone})::date >= ${f.from}::date`);
  if (f.to) where.push(sql`(${courseSessions.startsAt} at time zone ${venues.timeZone})::date <= ${f.to}::date`);
  return db
    .select({
      id: courseSessions.id,
      startsAt: courseSessions.startsAt,
      endsAt: courseSessions.endsAt,
      capacity: courseSessions.capacity,
      placesBooked: courseSessions.placesBooked,
      // A day of a time-slot offering counts places per slot; its day capacity is only the slots' sum.
      capacityPerSlot: slotOfferings.capacityPerSlot,
      course: { id: courses.id, title: courses.title, slug: courses.slug },
      venue: { id: venues.id, name: venues.name, city: venues.city, timeZone: venues.timeZone },
    })
    .from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .innerJoin(venues, eq(venues.id, courseSessions.venueId))
    .leftJoin(slotOfferings, eq(slotOfferings.courseId, courseSessions.courseId))
    .where(and(...where))
    .orderBy(asc(courseSessions.startsAt))
    .limit(limit);
}

export type RequirementRow = Awaited<ReturnType<typeof listSessionRequirements>>[number];

/** Every requirement of the confirmed bookings on these sessions, with who needs it and who acknowledged it. */
export async function listSessionRequirements(
  db: DbOrTx,
  sessionIds: string[],
  f: Pick<DashboardFilter, "category" | "priority"> = {},
) {
  if (sessionIds.length === 0) return [];
  const acker = alias(users, "acker");
  // A cancelled place (refunded by finance) no longer comes to the session.
  const where: SQL[] = [inArray(bookings.sessionId, sessionIds), eq(bookings.status, "confirmed"), isNull(bookingAttendees.cancelledAt)];
  if (f.category) where.push(eq(specialRequirements.category, f.category));
  if (f.priority) where.push(eq(specialRequirements.priority, f.priority));
  return db
    .select({
      id: specialRequirements.id,
      sessionId: bookings.sessionId,
      bookingId: bookings.id,
      reference: bookings.reference,
      contactName: bookings.contactName,
      contactPhone: bookings.contactPhone,
      attendeeId: bookingAttendees.id,
      attendeePosition: bookingAttendees.position,
      firstName: bookingAttendees.firstName,
      lastName: bookingAttendees.lastName,
      // Reserved seating: where the attendee sits, so staff can prepare the seat (wheelchair space, aisle).
      seatLabel: sql<string | null>`case when ${seats.id} is null then null else ${seats.section} || ', row ' || ${seats.row} || ', seat ' || ${seats.number} end`,
      // The ticket type the place was sold as (Student, VIP), said where it tells staff something.
      ticketTypeId: bookingAttendees.ticketTypeId,
      ticketTypeName: ticketTypes.name,
      category: specialRequirements.category,
      priority: specialRequirements.priority,
      label: specialRequirements.label,
      details: specialRequirements.details,
      venueFeatures: requirementTemplates.venueFeatures,
      acknowledgedAt: specialRequirements.acknowledgedAt,
      acknowledgedBy: { id: acker.id, name: acker.name, email: acker.email },
      createdAt: specialRequirements.createdAt,
    })
    .from(specialRequirements)
    .innerJoin(bookings, eq(bookings.id, specialRequirements.bookingId))
    .innerJoin(bookingAttendees, eq(bookingAttendees.id, specialRequirements.attendeeId))
    .innerJoin(requirementTemplates, eq(requirementTemplates.id, specialRequirements.templateId))
    .leftJoin(seats, eq(seats.id, bookingAttendees.seatId))
    .leftJoin(ticketTypes, eq(ticketTypes.id, bookingAttendees.ticketTypeId))
    .leftJoin(acker, eq(acker.id, specialRequirements.acknowledgedBy))
    .where(and(...where))
    .orderBy(asc(bookings.confirmedAt), asc(bookings.reference), asc(bookingAttendees.position), asc(specialRequirements.label));
}

/**
 * Creates the checklist items each confirmed requirement generates from its template, once per requirement
 * (later template edits do not rewrite a session's list). Safe to run concurrently: the partial unique
 * index on (requirement_id, label) turns a second insert into nothing.
 */
export async function syncGeneratedChecklist(db: DbOrTx, sessionIds: string[], only: { bookingId?: string } = {}) {
  if (sessionIds.length === 0) return;
  if (only.bookingId) await generateChecklist.ofBooking(db, { sessionIds, bookingId: only.bookingId });
  else await generateChecklist.all(db, { sessionIds });
}

// Run by every payment (one booking's items), built once (db/reusable.ts).
function generateChecklistStatement(ofBooking: boolean) {
  return reusableSql<{ sessionIds: string[]; bookingId?: string }>(ofBooking ? "generate-booking-checklist" : "generate-checklist", sql`
    insert into checklist_items (session_id, requirement_id, source, label)
    select b.session_id, sr.id, 'generated', item.label
    from special_requirements sr
    join bookings b on b.id = sr.booking_id and b.status = 'confirmed'
    join booking_attendees a on a.id = sr.attendee_id and a.cancelled_at is null
    join requirement_templates t on t.id = sr.template_id
    cross join lateral jsonb_array_elements_text(t.checklist_items) as item(label)
    where b.session_id = any(${value("sessionIds", "uuid[]")})
      ${ofBooking ? sql`and b.id = ${value("bookingId", "uuid")}` : sql``}
      and not exists (select 1 from checklist_items ci where ci.requirement_id = sr.id)
    on conflict do nothing`);
}

const generateChecklist = { all: generateChecklistStatement(false), ofBooking: generateChecklistStatement(true) };

export type ChecklistRow = Awaited<ReturnType<typeof listChecklistItems>>[number];

/** Staff items, and generated items whose attendee is still coming (a cancelled booking's or place's tasks drop out). */
export async function listChecklistItems(db: DbOrTx, sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  const doer = alias(users, "doer");
  return db
    .select({
      id: checklistItems.id,
      sessionId: checklistItems.sessionId,
      source: checklistItems.source,
      label: checklistItems.label,
      requirementId: checklistItems.requirementId,
      requirementLabel: specialRequirements.label,
      priority: specialRequirements.priority,
      attendeeName: sql<string | null>`${bookingAttendees.firstName} || ' ' || ${bookingAttendees.lastName}`,
      doneAt: checklistItems.doneAt,
      doneBy: { id: doer.id, name: doer.name, email: doer.email },
      createdAt: checklistItems.createdAt,
    })
    .from(checklistItems)
    .leftJoin(specialRequirements, eq(specialRequirements.id, checklistItems.requirementId))
    .leftJoin(bookings, eq(bookings.id, specialRequirements.bookingId))
    .leftJoin(bookingAttendees, eq(bookingAttendees.id, specialRequirements.attendeeId))
    .leftJoin(doer, eq(doer.id, checklistItems.doneBy))
    .where(and(
      inArray(checklistItems.sessionId, sessionIds),
      sql`(${checklistItems.requirementId} is null or (${bookings.status} = 'confirmed' and ${bookingAttendees.cancelledAt} is null))`,
    ))
    .orderBy(
      asc(checklistItems.sessionId),
      sql`case ${specialRequirements.priority} when 'critical' then 0 when 'high' then 1 when 'standard' then 2 else 3 end`,
      asc(checklistItems.createdAt),
      asc(checklistItems.label),
    );
}

/** Feature statuses per venue: venueId → feature → status. */
export async function venueFeatureStatuses(db: DbOrTx, venueIds: string[]) {
  const out = new Map<string, Record<string, "yes" | "no" | "unknown">>();
  if (venueIds.length === 0) return out;
  const rows = await db.select().from(venueFeatures).where(inArray(venueFeatures.venueId, venueIds));
  for (const r of rows) {
    const m = out.get(r.venueId) ?? {};
    m[r.feature] = r.status;
    out.set(r.venueId, m);
  }
  return out;
}

export async function lockChecklistItem(tx: DbOrTx, itemId: string) {
  const [row] = await tx.select().from(checklistItems).where(eq(checklistItems.id, itemId)).for("update");
  return row ?? null;
}

/** Sets acknowledged_at/by once; a second acknowledgement keeps the first. Returns null for an unknown id. */
export async function acknowledgeRequirementRow(tx: DbOrTx, requirementId: string, staffId: string, now: Date) {
  const [updated] = await tx.update(specialRequirements)
    .set({ acknowledgedAt: now, acknowledgedBy: staffId })
    .where(and(eq(specialRequirements.id, requirementId), isNull(specialRequirements.acknowledgedAt)))
    .returning();
  if (updated) return { row: updated, changed: true };
  const [existing] = await tx.select().from(specialRequirements).where(eq(specialRequirements.id, requirementId));
  return existing ? { row: existing, changed: false } : null;
}

export async function sessionOfRequirement(db: DbOrTx, requirementId: string) {
  const [row] = await db.select({ sessionId: bookings.sessionId, status: bookings.status })
    .from(specialRequirements).innerJoin(bookings, eq(bookings.id, specialRequirements.bookingId))
    .where(eq(specialRequirements.id, requirementId));
  return row ?? null;
}

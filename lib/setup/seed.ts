// Demo data: venues, courses with sessions over the coming weeks, requirement templates, and bookings that
// fill one session nearly to capacity. Idempotent: `npm run db:seed` can run on every start.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import {
  bookingAttendees, bookings, courseSessions, courses, payments, peakWindows, requirementTemplates, seatingPlans, slotOfferings, venueClosures, venueOpeningHours, courseQuestions, seats, sessionSeats, specialRequirements, ticketTypeInventory, ticketTypes, venueFeatures, venues,
  type TicketType,
} from "@/db/schema";
import { insertDefaultTicketType } from "@/db/queries/ticket-types";
import { childcareQuestionSeed, cornExchangeSeats, courseSeed, requirementTemplateSeed, slotOfferingSeed, venueFeatureSeed, venueSeed } from "./seed-data";
import { localDate } from "@/lib/slots/schedule";
import { localDatePlusDays, zonedInstant } from "@/lib/time";
import { issueInvoice } from "@/lib/invoices/issue-invoice";
import { issueTicketsForBooking } from "@/lib/tickets/issue";

export async function seedDemoData(db: Db, now = new Date()) {
  await db.transaction(async (tx) => {
    // A transaction-level advisory lock: two starting processes never seed twice.
    await tx.execute(sql`select pg_advisory_xact_lock(727001)`);
    for (const [i, t] of requirementTemplateSeed.entries()) {
      await tx.insert(requirementTemplates).values({ ...t, detailsRequired: t.detailsRequired ?? false, venueFeatures: t.venueFeatures ?? [], sortOrder: i })
        .onConflictDoNothing({ target: requirementTemplates.code });
    }
    for (const v of venueSeed) await tx.insert(venues).values(v).onConflictDoNothing();
    const venueBySlug = new Map((await tx.select().from(venues)).map((v) => [v.slug, v]));
    for (const [slug, features] of Object.entries(venueFeatureSeed)) {
      const venue = venueBySlug.get(slug);
      if (!venue) continue;
      const rows = Object.entries(features).map(([feature, status]) => ({ venueId: venue.id, feature, status }));
      await tx.insert(venueFeatures).values(rows).onConflictDoNothing();
    }

    for (const c of courseSeed) {
      const { sessions, standardSeatClass: _s, standardDescription: _d, moreTicketTypes: _m, ...course } = c;
      const [created] = await tx.insert(courses).values(course).onConflictDoNothing().returning();
      if (!created) continue; // Seeded before: leave its sessions and bookings alone.
      const standard = await insertDefaultTicketType(tx, created);
      if (c.standardSeatClass || c.standardDescription)
        await tx.update(ticketTypes).set({ seatClass: c.standardSeatClass ?? null, description: c.standardDescription ?? null })
          .where(eq(ticketTypes.id, standard.id));
      for (const [i, t] of (c.moreTicketTypes ?? []).entries())
        await tx.insert(ticketTypes).values({ courseId: created.id, sortOrder: i + 1, ...t });
      for (const s of sessions) {
        const venue = venueBySlug.get(s.venue)!;
        const day = localDatePlusDays(now, s.inDays, venue.timeZone);
        const at = (hhmm: string) => {
          const [hour, minute] = hhmm.split(":").map(Number);
          return zonedInstant({ ...day, hour, minute }, venue.timeZone);
        };
        const seatingPlanId = s.seatingPlan ? await seedSeatingPlan(tx, venue.id, s.seatingPlan) : null;
        const [session] = await tx.insert(courseSessions).values({
          courseId: created.id, venueId: venue.id, startsAt: at(s.start), endsAt: at(s.end), capacity: s.capacity, seatingPlanId,
        }).returning();
        if (seatingPlanId && s.houseSeats) {
          const house = await tx.select({ id: seats.id }).from(seats).where(eq(seats.planId, seatingPlanId)).orderBy(asc(seats.sortOrder)).limit(s.houseSeats);
          await tx.insert(sessionSeats).values(house.map((h) => ({ sessionId: session.id, seatId: h.id, status: "blocked" as const, note: "House seats" })));
        }
        if (s.presold) await seedPaidBookings(tx, session.id, created, standard, s.presold, now);
      }
    }
    await seedSlotOfferings(tx, now);
  });
}

/** The childcare centre: two locations, each with an offering booked by the hour. Seeded once. */
async function seedSlotOfferings(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], now: Date) {
  for (const s of slotOfferingSeed) {
    const [venue] = await tx.insert(venues).values(s.venue).onConflictDoNothing().returning();
    if (!venue) continue;
    const [course] = await tx.insert(courses).values({
      ...s.course, kind: "time_slots", priceAmount: s.offering.standardRateAmount, depositAmount: null,
    }).returning();
    await insertDefaultTicketType(tx, course);
    await tx.insert(slotOfferings).values({ courseId: course.id, venueId: venue.id, ...s.offering });
    await tx.insert(venueOpeningHours).values(s.hours.map((h) => ({ venueId: venue.id, ...h })));
    await tx.insert(courseQuestions).values(childcareQuestionSeed.map((q, i) => ({ courseId: course.id, sortOrder: i, ...q })));
    await tx.insert(peakWindows).values(s.peaks.map((p) => ({ courseId: course.id, weekdays: [...p.weekdays], startsAt: p.startsAt, endsAt: p.endsAt })));
    const today = localDate(now, venue.timeZone);
    const year = Number(today.slice(0, 4));
    await tx.insert(venueClosures).values(s.closures.map((c) => {
      const thisYear = `${year}-${c.monthDay}`;
      return {
        venueId: venue.id, localDate: thisYear >= today ? thisYear : `${year + 1}-${c.monthDay}`, reason: c.reason,
        opensAt: "opensAt" in c ? c.opensAt : null, closesAt: "closesAt" in c ? c.closesAt : null,
      };
    }));
  }
}

/** The venue's plan of that name, created with its seats the first time. */
async function seedSeatingPlan(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], venueId: string, name: string): Promise<string> {
  const [existing] = await tx.select({ id: seatingPlans.id }).from(seatingPlans)
    .where(and(eq(seatingPlans.venueId, venueId), eq(seatingPlans.name, name)));
  if (existing) return existing.id;
  const [plan] = await tx.insert(seatingPlans).values({ venueId, name }).returning({ id: seatingPlans.id });
  await tx.insert(seats).values(cornExchangeSeats().map((seat, i) => ({ ...seat, planId: plan.id, sortOrder: i + 1 })));
  return plan.id;
}

const people = [
  ["Amara", "Okafor"], ["Ben", "Hughes"], ["Chloe", "Martin"], ["Dev", "Patel"], ["Ewa", "Nowak"],
  ["Finn", "Gallagher"], ["Grace", "Lee"], ["Hamid", "Rahimi"], ["Isla", "Fraser"], ["Jonah", "Baker"],
];

async function seedPaidBookings(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], sessionId: string,
  course: typeof courses.$inferSelect, type: TicketType, places: number, now: Date) {
  const templates = new Map((await tx.select().from(requirementTemplates)).map((t) => [t.code, t]));
  const groups = [Math.ceil(places / 2), Math.floor(places / 2)].filter((n) => n > 0);
  let p = 0;
  for (const [g, size] of groups.entries()) {
    const total = course.priceAmount * size;
    const [booking] = await tx.insert(bookings).values({
      reference: `TRN-DEMO-000${g + 1}`, sessionId, status: "confirmed", paymentOption: "full", paymentStatus: "paid",
      attendeeCount: size, currency: course.currency, unitAmount: course.priceAmount, totalAmount: total,
      amountDueNow: total, amountPaid: total, holdExpiresAt: now, contactName: g === 0 ? "Northwind Catering" : "Grace Lee",
      contactEmail: g === 0 ? "training@northwind.example" : "grace.lee@example.com", contactPhone: "+44 20 7946 0000",
      organisation: g === 0 ? "Northwind Catering Ltd" : null, termsAcceptedAt: now, paymentProvider: "simulated", confirmedAt: now,
    }).onConflictDoNothing().returning();
    if (!booking) continue;
    for (let i = 0; i < size; i++, p++) {
      const [first, last] = people[p % people.length];
      const [attendee] = await tx.insert(bookingAttendees).values({
        bookingId: booking.id, position: i + 1, firstName: first, lastName: last, ticketTypeId: type.id, unitAmount: type.priceAmount, depositAmount: type.depositAmount,
      }).returning();
      const code = p === 1 ? "allergy_severe" : p === 3 ? "access_wheelchair" : p === 6 ? "diet_vegan" : null;
      const t = code ? templates.get(code) : undefined;
      if (t) await tx.insert(specialRequirements).values({
        bookingId: booking.id, attendeeId: attendee.id, templateId: t.id, category: t.category, priority: t.priority, label: t.label,
        details: code === "allergy_severe" ? "Peanuts; carries an EpiPen" : null,
      });
    }
    await tx.insert(payments).values({
      bookingId: booking.id, provider: "simulated", providerPaymentId: `pi_sim_demo_${booking.id.replaceAll("-", "")}`,
      kind: "full", amount: total, currency: course.currency, receivedAt: now,
    });
    // Paid bookings have their invoice, as if paid through checkout (numbered like any other).
    await issueInvoice(tx, booking.id, now);
    await issueTicketsForBooking(tx, booking.id);
    await tx.update(courseSessions).set({ placesBooked: sql`${courseSessions.placesBooked} + ${size}` }).where(eq(courseSessions.id, sessionId));
    await tx.insert(ticketTypeInventory).values({ sessionId, ticketTypeId: type.id, quota: type.quota, placesBooked: size })
      .onConflictDoUpdate({ target: [ticketTypeInventory.sessionId, ticketTypeInventory.ticketTypeId], set: { placesBooked: sql`${ticketTypeInventory.placesBooked} + ${size}` } });
  }
}

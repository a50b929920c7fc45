// What the public catalogue shows (pages, GET /api/v1/courses, session and time-slot availability), read
// through a cache of a few seconds (CATALOGUE_CACHE_SECONDS): places left may lag that long behind a booking.
// Taking places never reads from here: createBooking checks and takes them in the database, in one
// conditional update.
import { getDb } from "@/db";
import {
  getCourseBySlug, getSessionAvailability, getSessionListing, listActiveCourses, listCategories, listUpcomingSessions,
} from "@/db/queries/catalog";
import { listQuestionsOfCourses } from "@/db/queries/questions";
import { ticketAvailability } from "@/db/queries/ticket-types";
import { offeringAvailability } from "@/lib/booking/slot-availability";
import { env } from "@/lib/env";
import { shortCache } from "@/lib/short-cache";
import type { PublicQuestion } from "@/lib/validations/questions";
import { depositOpen, fromPrice, presentTicketTypes, withDepositWindow, type PublicTicketType } from "./public-ticket-types";

const ttlMs = () => env().CATALOGUE_CACHE_SECONDS * 1000;

type SessionFilter = Parameters<typeof listUpcomingSessions>[1];

const sessionsCache = shortCache<Awaited<ReturnType<typeof listUpcomingSessions>>>({ ttlMs });
const coursesCache = shortCache<Awaited<ReturnType<typeof listActiveCourses>>>({ ttlMs });
const categoriesCache = shortCache<string[]>({ ttlMs });
const courseCache = shortCache<Awaited<ReturnType<typeof getCourseBySlug>>>({ ttlMs });
const coursesJsonCache = shortCache<string>({ ttlMs });
type PublicAvailability = NonNullable<Awaited<ReturnType<typeof getSessionAvailability>>> & { ticketTypes: PublicTicketType[] };
const availabilityCache = shortCache<PublicAvailability | null>({ ttlMs, maxEntries: 5_000 });

// Callers share the cached arrays and objects: they read them and never change them.

export function publicUpcomingSessions(filter: SessionFilter = {}) {
  const key = JSON.stringify([filter?.courseId, filter?.category, filter?.fromDay, filter?.toDay]);
  return sessionsCache.get(key, () => listUpcomingSessions(getDb(), filter));
}

export function publicCourses() {
  return coursesCache.get("all", () => listActiveCourses(getDb()));
}

export function publicCategories() {
  return categoriesCache.get("all", () => listCategories(getDb()));
}

export function publicCourseBySlug(slug: string) {
  return courseCache.get(slug, () => getCourseBySlug(getDb(), slug));
}

/** A session's places left, and per ticket type. */
export function publicSessionAvailability(sessionId: string): Promise<PublicAvailability | null> {
  return availabilityCache.get(sessionId, async () => {
    const db = getDb();
    const [availability, listing] = await Promise.all([getSessionAvailability(db, sessionId), getSessionListing(db, sessionId)]);
    if (!availability || !listing) return null;
    const types = await ticketAvailability(db, [{ id: sessionId, available: availability.available }]);
    return { ...availability, ticketTypes: withDepositWindow(presentTicketTypes(types.get(sessionId), listing.course.currency), depositOpen(listing.startsAt)) };
  });
}

const typesCache = shortCache<Map<string, PublicTicketType[]>>({ ttlMs, maxEntries: 500 });

/** Each listed session's ticket types with places left, for the catalogue pages. */
export function publicTicketTypes(sessions: Awaited<ReturnType<typeof listUpcomingSessions>>): Promise<Map<string, PublicTicketType[]>> {
  const key = sessions.map((s) => s.id).join(",");
  return typesCache.get(key, async () => {
    const types = await ticketAvailability(getDb(), sessions);
    return new Map(sessions.map((s) => [s.id, withDepositWindow(presentTicketTypes(types.get(s.id), s.course.currency), depositOpen(s.startsAt))]));
  });
}

/** The body of GET /api/v1/courses, serialised once per cache period rather than once per request. */
export function publicCoursesJson(): Promise<string> {
  return coursesJsonCache.get("all", async () => {
    const [courseRows, sessions] = await Promise.all([publicCourses(), publicUpcomingSessions()]);
    const [types, questionRows] = await Promise.all([
      ticketAvailability(getDb(), sessions), listQuestionsOfCourses(getDb(), courseRows.map((c) => c.id)),
    ]);
    // What each course asks of a booking, as the wizard asks it (lib/validations/questions.ts, publicQuestionSchema).
    const questions = new Map<string, PublicQuestion[]>();
    for (const q of questionRows) {
      const list = questions.get(q.courseId) ?? [];
      list.push({ id: q.id, kind: q.kind, scope: q.scope, label: q.label, help: q.help, required: q.required, options: q.options, sensitive: q.sensitive });
      questions.set(q.courseId, list);
    }
    const byCourse = new Map<string, typeof sessions>();
    for (const s of sessions) {
      const list = byCourse.get(s.courseId);
      if (list) list.push(s);
      else byCourse.set(s.courseId, [s]);
    }
    return JSON.stringify({
      courses: courseRows.map((c) => ({
        id: c.id,
        slug: c.slug,
        title: c.title,
        category: c.category,
        // "time_slots": booked by date and span through /api/v1/availability/{id}; it lists no sessions.
        kind: c.kind,
        questions: questions.get(c.id) ?? [],
        sessions: (byCourse.get(c.id) ?? []).map((s) => {
          const depositsOpen = depositOpen(s.startsAt);
          const ticketTypes = withDepositWindow(presentTicketTypes(types.get(s.id), c.currency), depositsOpen);
          return {
            id: s.id,
            startsAt: s.startsAt.toISOString(),
            endsAt: s.endsAt.toISOString(),
            venue: { id: s.venue.id, name: s.venue.name, city: s.venue.city, timeZone: s.venue.timeZone },
            // The lowest price on sale, and the course's own deposit (none when the session is too near for one).
            priceAmount: fromPrice(ticketTypes) ?? c.priceAmount,
            depositAmount: depositsOpen ? c.depositAmount : null,
            currency: c.currency,
            capacity: s.capacity,
            available: s.available,
            seated: s.seatingPlanId != null,
            ticketTypes,
          };
        }),
      })),
    });
  });
}

const sessionAvailabilityJsonCache = shortCache<string | null>({ ttlMs, maxEntries: 5_000 });

/** The body of GET /api/v1/sessions/{id}/availability (null: no such session), serialised once per period. */
export function publicSessionAvailabilityJson(sessionId: string): Promise<string | null> {
  return sessionAvailabilityJsonCache.get(sessionId, async () => {
    const availability = await publicSessionAvailability(sessionId);
    return availability && JSON.stringify(availability);
  });
}

const slotAvailabilityJsonCache = shortCache<string>({ ttlMs, maxEntries: 5_000 });

/**
 * The body of GET /api/v1/availability/{offeringId}?date=: a time-slot offering's free places on one date,
 * worked out and serialised once per period. Booking a span checks the slots again in the database.
 */
export function publicSlotAvailabilityJson(offeringId: string, date: string): Promise<string> {
  return slotAvailabilityJsonCache.get(`${offeringId}|${date}`, async () => JSON.stringify(await offeringAvailability(getDb(), offeringId, date)));
}

/**
 * Cache-Control for the public catalogue's API answers: a shared cache (a CDN or reverse proxy) may keep them
 * as long as the app does, and serve them for as long again while it fetches a fresh copy. Without the
 * cache (CATALOGUE_CACHE_SECONDS=0) nothing may keep them.
 */
export function catalogueCacheControl(): string {
  const seconds = Math.floor(env().CATALOGUE_CACHE_SECONDS);
  return seconds > 0 ? `public, max-age=0, s-maxage=${seconds}, stale-while-revalidate=${seconds}` : "no-store";
}

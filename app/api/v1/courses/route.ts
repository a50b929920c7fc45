import { getDb } from "@/db";
import { listActiveCourses, listUpcomingSessions } from "@/db/queries/catalog";
import { ticketAvailability } from "@/db/queries/ticket-types";
import { fromPrice, presentTicketTypes } from "@/lib/catalog/public-ticket-types";
import { handler } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = handler(async () => {
  const db = getDb();
  const [courseRows, sessions] = await Promise.all([listActiveCourses(db), listUpcomingSessions(db)]);
  const types = await ticketAvailability(db, sessions);
  return Response.json({
    courses: courseRows.map((c) => ({
      id: c.id,
      slug: c.slug,
      title: c.title,
      category: c.category,
      // "time_slots": booked by date and span through /api/v1/availability/{id}; it lists no sessions.
      kind: c.kind,
      sessions: sessions.filter((s) => s.courseId === c.id).map((s) => {
        const ticketTypes = presentTicketTypes(types.get(s.id), c.currency);
        return {
        id: s.id,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        venue: { id: s.venue.id, name: s.venue.name, city: s.venue.city, timeZone: s.venue.timeZone },
        // The lowest price on sale, and the course's own deposit: a single-type course reads as before.
        priceAmount: fromPrice(ticketTypes) ?? c.priceAmount,
        depositAmount: c.depositAmount,
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

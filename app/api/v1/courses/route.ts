import { getDb } from "@/db";
import { listActiveCourses, listUpcomingSessions } from "@/db/queries/catalog";
import { handler } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = handler(async () => {
  const db = getDb();
  const [courseRows, sessions] = await Promise.all([listActiveCourses(db), listUpcomingSessions(db)]);
  return Response.json({
    courses: courseRows.map((c) => ({
      id: c.id,
      slug: c.slug,
      title: c.title,
      category: c.category,
      sessions: sessions.filter((s) => s.courseId === c.id).map((s) => ({
        id: s.id,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        venue: { id: s.venue.id, name: s.venue.name, city: s.venue.city, timeZone: s.venue.timeZone },
        priceAmount: c.priceAmount,
        depositAmount: c.depositAmount,
        currency: c.currency,
        capacity: s.capacity,
        available: s.available,
      })),
    })),
  });
});

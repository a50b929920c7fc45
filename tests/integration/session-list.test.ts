// The public session list says "deposit option" only where a deposit can still be taken: a session whose
// balance would already be due is paid in full (the wizard offers no deposit for it).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { courseSessions } from "@/db/schema";
import { listUpcomingSessions } from "@/db/queries/catalog";
import { SessionList } from "@/components/catalog/session-list";
import { env } from "@/lib/env";
import { createSessionFixture, db } from "../fixtures";

const DAY_MS = 86_400_000;

describe("public session list", () => {
  it("offers a deposit only on sessions far enough ahead for one", async () => {
    const days = env().BALANCE_DUE_DAYS;
    const far = await createSessionFixture({ priceAmount: 12_000, depositAmount: 3_000, startsInDays: days + 10 });
    // A second session of the same course, starting before its balance date could be a day away.
    const [near] = await db().insert(courseSessions).values({
      courseId: far.course.id, venueId: far.venue.id, capacity: 10,
      startsAt: new Date(Date.now() + (days - 1) * DAY_MS), endsAt: new Date(Date.now() + (days - 1) * DAY_MS + 3_600_000),
    }).returning();
    const sessions = await listUpcomingSessions(db(), { courseId: far.course.id });
    expect(sessions.map((s) => s.id).sort()).toEqual([far.session.id, near.id].sort());
    const html = renderToStaticMarkup(createElement(SessionList, { sessions }));
    const itemOf = (sessionId: string) => html.split("<li").slice(1).find((li) => li.includes(sessionId))!;
    expect(itemOf(far.session.id)).toContain("deposit option");
    expect(itemOf(near.id)).not.toContain("deposit option");
    await db().delete(courseSessions).where(eq(courseSessions.id, near.id));
  });
});

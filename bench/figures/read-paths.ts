// The public read paths against GET /api/health (the framework's floor) at 50 clients.
import { eq } from "drizzle-orm";
import { courseSessions, courses } from "@/db/schema";
import { http } from "../lib/measure";
import { ms, perSecond, type Row } from "../lib/table";
import type { Figure } from "./figure";

const CLIENTS = 50;
const P99_GOAL_MS = 100;

export const readPaths: Figure = {
  name: "public read paths",
  async run(app, shared) {
    const [course] = await app.db.select().from(courses).where(eq(courses.status, "active")).limit(1);
    const [session] = await app.db.select().from(courseSessions).where(eq(courseSessions.courseId, course.id)).limit(1);
    const health = await http({ url: `${app.origin}/api/health`, connections: CLIENTS });
    shared.healthRate = health.rate;
    const rows: Row[] = [{
      figure: `GET /api/health, ${CLIENTS} clients`, rate: perSecond(health.rate), p50: ms(health.p50), p99: ms(health.p99),
      reference: "-", ratio: null, goal: "(the reference)", pass: health.errors === 0,
    }];
    const paths: [string, string, number][] = [
      ["GET /api/v1/sessions/{id}/availability", `/api/v1/sessions/${session.id}/availability`, 0.8],
      ["GET /api/v1/courses", "/api/v1/courses", 0.8],
      ["GET /courses", "/courses", 0.6],
      ["GET / (home)", "/", 0.6],
      ["GET /courses/{slug}", `/courses/${course.slug}`, 0.6],
    ];
    for (const [figure, path, goal] of paths) {
      const m = await http({ url: `${app.origin}${path}`, connections: CLIENTS });
      const ratio = m.rate / health.rate;
      rows.push({
        figure: `${figure}, ${CLIENTS} clients`, rate: perSecond(m.rate), p50: ms(m.p50), p99: ms(m.p99),
        reference: `health ${perSecond(health.rate)}`, ratio, goal: `>= ${goal * 100} %, p99 < ${P99_GOAL_MS} ms`,
        pass: ratio >= goal && m.p99 < P99_GOAL_MS && m.errors === 0,
      });
    }
    return rows;
  },
};

// The door and the time slots, measured like the rest: check-ins per second from 20 devices through the door
// page's endpoint against the same writes in SQL, and one day's slot availability against /api/health.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { authSessions, slotOfferings, users } from "@/db/schema";
import { CHECK_IN_CHANNEL } from "@/lib/check-in/check-in";
import { secretFromScan } from "@/lib/tickets/secret-format";
import { hashTicketSecret } from "@/lib/tickets/secret";
import { http, loop } from "../lib/measure";
import { ms, perSecond } from "../lib/table";
import type { Figure } from "./figure";
import { ticketedSession } from "./fixtures";

const DEVICES = 20;
const TICKETS = Number(process.env.BENCH_TICKETS ?? 2_400);
const CLIENTS = 50;

/** A door user signed in as next-auth would after the emailed link; returns the session cookie. */
async function doorCookie(app: Parameters<Figure["run"]>[0]) {
  const [staff] = await app.db.insert(users)
    .values({ email: `bench.door.${randomBytes(3).toString("hex")}@turnout.example`, name: "Bench door", role: "door" }).returning();
  const token = randomBytes(32).toString("hex");
  await app.db.insert(authSessions).values({ sessionToken: token, userId: staff.id, expires: new Date(Date.now() + 86_400_000) });
  return { staff, cookie: `next-auth.session-token=${token}` };
}

export const doorCheckIns: Figure = {
  name: "door check-ins",
  async run(app) {
    const { staff, cookie } = await doorCookie(app);

    // The reference: what one scan writes (find the ticket by its secret, claim its check-in, record the
    // scan, wake the dashboards), as a loop of transactions on PostgreSQL.
    const raw = await ticketedSession(app.db, TICKETS, "RAWD");
    const hashes = raw.codes.map((c) => hashTicketSecret(secretFromScan(c)!));
    const reference = await loop(DEVICES, (i) => app.db.transaction(async (tx) => {
      const [t] = await tx.execute<{ id: string }>(sql`select id from tickets where secret_hash = ${hashes[i]} and void_reason is null`);
      const inserted = await tx.execute<{ id: string }>(sql`insert into check_ins (ticket_id, session_id, device_id, staff_user_id, checked_in_at, recorded_at)
        values (${t.id}, ${raw.session.id}, ${`Door ${i % DEVICES}`}, ${staff.id}, now(), now()) on conflict (ticket_id) where undone_at is null do nothing returning id`);
      await tx.execute(sql`insert into ticket_scans (session_id, ticket_id, check_in_id, device_id, staff_user_id, action, method, result, scanned_at, recorded_at)
        values (${raw.session.id}, ${t.id}, ${inserted[0]?.id ?? null}, ${`Door ${i % DEVICES}`}, ${staff.id}, 'check_in', 'camera', 'checked_in', now(), now())`);
      await tx.execute(sql`select pg_notify(${CHECK_IN_CHANNEL}, ${JSON.stringify({ sessionId: raw.session.id })})`);
    }), { total: TICKETS });

    const door = await ticketedSession(app.db, TICKETS, "DOOR");
    let next = 0;
    const m = await http({
      url: `${app.origin}/api/admin/check-in/scan`, method: "POST", connections: DEVICES, amount: TICKETS,
      next: () => {
        const i = next++;
        return {
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify({ sessionId: door.session.id, deviceId: `Door ${i % DEVICES}`, method: "camera", code: door.codes[i] }),
        };
      },
    });
    const [{ n }] = await app.db.execute<{ n: number }>(sql`select count(*)::int as n from check_ins where session_id = ${door.session.id} and undone_at is null`);
    const ratio = m.rate / reference.rate;
    return [{
      figure: `POST /api/admin/check-in/scan, one session, ${DEVICES} devices`, rate: perSecond(m.rate, "check-ins"), p50: ms(m.p50), p99: ms(m.p99),
      reference: `same writes in SQL ${perSecond(reference.rate, "tps")}`, ratio,
      goal: `p99 < 1 s, each ticket once (${n}/${TICKETS})`, pass: m.p99 < 1_000 && m.errors === 0 && n === TICKETS,
    }];
  },
};

/** A weekday a fortnight ahead, in YYYY-MM-DD: inside every seeded offering's booking horizon and opening days. */
function weekdayAhead(days = 14): string {
  const d = new Date(Date.now() + days * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export const slotAvailability: Figure = {
  name: "time-slot availability",
  async run(app, shared) {
    const [offering] = await app.db.select({ id: slotOfferings.courseId }).from(slotOfferings).limit(1);
    const health = shared.healthRate ?? (await http({ url: `${app.origin}/api/health`, connections: CLIENTS })).rate;
    const url = `${app.origin}/api/v1/availability/${offering.id}?date=${weekdayAhead()}`;
    const probe = await fetch(url);
    if (probe.status !== 200) throw new Error(`availability answered ${probe.status}: ${await probe.text()}`);
    const m = await http({ url, connections: CLIENTS });
    const ratio = m.rate / health;
    return [{
      figure: `GET /api/v1/availability/{offeringId}?date=, ${CLIENTS} clients`, rate: perSecond(m.rate), p50: ms(m.p50), p99: ms(m.p99),
      reference: `health ${perSecond(health)}`, ratio, goal: ">= 80 %, p99 < 100 ms", pass: ratio >= 0.8 && m.p99 < 100 && m.errors === 0,
    }];
  },
};

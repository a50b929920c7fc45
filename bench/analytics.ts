// The sales dashboard's queries against a million bookings: `npm run bench:analytics`.
// Seeds a throwaway database (BENCH_DATABASE_SERVER_URL, default postgres://postgres@127.0.0.1:5432/postgres;
// BENCH_BOOKINGS, default 1000000) with generate_series SQL: 40 courses, 2,000 sessions over two years,
// bookings of 1–3 places paid up to 60 days before their session, their attendees, 5 % of places with a need,
// tickets and check-ins for a quarter of the past places, refunds for 2 % of bookings. Then times each figure
// (median of BENCH_RUNS, default 5) next to `select count(*) from bookings` timed in the same run.
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { createDb } from "@/db";
import { ensureDatabase, migrateDatabase } from "@/lib/setup/migrate";
import { seedDemoData } from "@/lib/setup/seed";
import type { AnalyticsScope } from "@/db/queries/analytics";
import { figures } from "@/lib/analytics/figures";
import { defaultAnalyticsRange } from "@/lib/analytics/filter";

const server = process.env.BENCH_DATABASE_SERVER_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const bookingCount = Number(process.env.BENCH_BOOKINGS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const NAME = "turnout_bench_analytics";
const TZ = "Europe/London";

type Db = ReturnType<typeof createDb>["db"];

/** A bulk insert with foreign-key triggers off for its transaction (the generated rows are consistent by construction). */
function bulk(db: Db, query: ReturnType<typeof sql>) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(query);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm: plans and caches, as on a dashboard opened more than once
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

async function step(label: string, fn: () => Promise<unknown>) {
  const t = performance.now();
  await fn();
  console.log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

async function main() {
  const url = await ensureDatabase(server, NAME, { fresh: true });
  process.env.DATABASE_URL = url;
  await migrateDatabase(url);
  const { db, sql: client } = createDb(url, { max: 2 });
  try {
    await seedDemoData(db);
    console.log(`Seeding ${bookingCount.toLocaleString("en-GB")} bookings…`);
    await step("courses and sessions", () => db.execute(sql`
      with v as (
        insert into venues (slug, name, address_line1, city, postal_code, country, time_zone)
        select 'bench-venue-' || i, 'Bench Venue ' || i, '1 Bench Street', 'London', 'E1 6AN', 'GB', 'Europe/London'
        from generate_series(1, 10) i returning id, slug
      ), c as (
        insert into courses (slug, title, summary, description, category, price_amount, currency)
        select 'bench-course-' || i, 'Bench Course ' || i, 'Bench', 'Bench', 'Bench', 10000 + i * 100, case when i % 5 = 0 then 'EUR' else 'GBP' end
        from generate_series(1, 40) i returning id, slug
      )
      insert into course_sessions (course_id, venue_id, starts_at, ends_at, capacity)
      select c.id, v.id, now() - interval '365 days' + i * interval '8 hours 45 minutes', now() - interval '365 days' + i * interval '8 hours 45 minutes' + interval '6 hours', 3000
      from generate_series(1, 2000) i
      join c on c.slug = 'bench-course-' || (1 + i % 40)
      join v on v.slug = 'bench-venue-' || (1 + i % 10)`));
    await db.execute(sql`insert into ticket_types (course_id, name, price_amount)
      select id, 'Standard', price_amount from courses where slug like 'bench-course-%'`);
    await db.execute(sql`create unlogged table bench_sessions as
      select row_number() over (order by s.id) as n, s.id, s.starts_at, c.price_amount, c.currency, tt.id as tt_id
      from course_sessions s join courses c on c.id = s.course_id join ticket_types tt on tt.course_id = c.id
      where c.slug like 'bench-course-%'`);
    await db.execute(sql`create index on bench_sessions (n)`);
    await step("bookings", () => bulk(db, sql`
      insert into bookings (reference, session_id, status, payment_option, payment_status, attendee_count, currency, unit_amount,
        total_amount, amount_due_now, amount_paid, amount_refunded, hold_expires_at, contact_name, contact_email, contact_phone,
        terms_accepted_at, payment_provider, confirmed_at, created_at)
      select 'BENCH-' || g, s.id, k.status::booking_status, 'full',
        (case k.status when 'pending' then 'unpaid' when 'refunded' then 'refunded' else 'paid' end)::booking_payment_status,
        k.places, s.currency, s.price_amount, s.price_amount * k.places, s.price_amount * k.places,
        case when k.status = 'pending' then 0 else s.price_amount * k.places end,
        case when k.status = 'refunded' then s.price_amount * k.places else 0 end,
        k.sold_at + interval '30 minutes', 'Bench Booker', 'bench@example.com', '0', k.sold_at, 'simulated',
        case when k.status = 'pending' then null else k.sold_at end, k.sold_at
      from generate_series(1, ${bookingCount}) g
      join bench_sessions s on s.n = 1 + (g % 2000)
      cross join lateral (select
        case when g % 20 = 0 then 'pending' when g % 50 = 1 then 'refunded' else 'confirmed' end as status,
        1 + (g % 3) as places,
        s.starts_at - ((g % 60) * interval '1 day') - ((g % 1440) * interval '1 minute') as sold_at) k`));
    await step("attendees", () => bulk(db, sql`
      insert into booking_attendees (booking_id, position, first_name, last_name, ticket_type_id, unit_amount)
      select b.id, p, 'Bench', 'Attendee', s.tt_id, b.unit_amount
      from bookings b join bench_sessions s on s.id = b.session_id cross join lateral generate_series(1, b.attendee_count) p
      where b.reference like 'BENCH-%'`));
    await step("needs", () => bulk(db, sql`
      insert into special_requirements (booking_id, attendee_id, template_id, category, priority, label, acknowledged_at)
      select a.booking_id, a.id, t.id, t.category, t.priority, t.label, case when abs(hashtext(a.id::text)) % 3 = 0 then null else now() end
      from booking_attendees a
      join lateral (select * from requirement_templates order by code offset abs(hashtext(a.id::text)) % 5 limit 1) t on true
      where abs(hashtext(a.id::text)) % 20 = 0`));
    await step("tickets and check-ins", async () => {
      await bulk(db, sql`
        insert into tickets (id, booking_id, attendee_id, session_id, secret_hash)
        select gen_random_uuid(), a.booking_id, a.id, b.session_id, md5(a.id::text) || md5(a.id::text || 'x')
        from booking_attendees a join bookings b on b.id = a.booking_id join course_sessions s on s.id = b.session_id
        where b.status = 'confirmed' and b.reference like 'BENCH-%' and s.starts_at < now() and abs(hashtext(a.id::text)) % 4 = 0`);
      await bulk(db, sql`
        insert into check_ins (ticket_id, session_id, device_id, checked_in_at)
        select t.id, t.session_id, 'bench', now() from tickets t where abs(hashtext(t.id::text)) % 5 <> 0`);
    });
    await step("refunds", () => bulk(db, sql`
      with p as (
        insert into payments (booking_id, provider, provider_payment_id, kind, amount, currency, amount_refunded, received_at)
        select id, 'simulated', 'pi_bench_' || reference, 'full', total_amount, currency, total_amount, confirmed_at
        from bookings where status = 'refunded' and reference like 'BENCH-%'
        returning id, booking_id, amount, currency, received_at
      )
      insert into refunds (booking_id, payment_id, amount, currency, reason, status, completed_at)
      select booking_id, id, amount, currency, 'cancelled_by_staff', 'succeeded', received_at + interval '3 days' from p`));
    await step("session counters", () => db.execute(sql`
      update course_sessions s set places_booked = least(s.capacity, x.places)
      from (select session_id, sum(attendee_count)::int as places from bookings where status = 'confirmed' group by 1) x
      where x.session_id = s.id`));
    await step("vacuum analyze", () => client.unsafe("vacuum analyze"));

    const counts = await db.execute<{ bookings: number; attendees: number; tickets: number }>(sql`
      select (select count(*) from bookings)::int as bookings, (select count(*) from booking_attendees)::int as attendees,
        (select count(*) from tickets)::int as tickets`);
    console.log(`Rows: ${counts[0].bookings.toLocaleString("en-GB")} bookings, ${counts[0].attendees.toLocaleString("en-GB")} attendees, ${counts[0].tickets.toLocaleString("en-GB")} tickets\n`);

    const reference = await timed(() => db.execute(sql`select count(*) from bookings`));
    const [course] = await db.execute<{ id: string }>(sql`select id from courses where slug = 'bench-course-7'`);
    const range = defaultAnalyticsRange(TZ);
    const yearRange = { from: new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10), to: range.to };
    const scopes: { label: string; scope: AnalyticsScope }[] = [
      { label: "default (90 days)", scope: { filter: { ...range, interval: "week" }, timeZone: TZ, now: new Date() } },
      { label: "one course, 1 year", scope: { filter: { ...yearRange, interval: "month", course: course.id }, timeZone: TZ, now: new Date() } },
      { label: "whole year", scope: { filter: { ...yearRange, interval: "month" }, timeZone: TZ, now: new Date() } },
    ];
    const rows: string[][] = [];
    let dashboardTotal = 0;
    for (const { label, scope } of scopes) {
      let total = 0;
      for (const figure of figures) {
        const ms = await timed(() => (figure.load as (d: typeof db, s: AnalyticsScope) => Promise<unknown>)(db, scope));
        total += ms;
        rows.push([`${figure.id} · ${label}`, ms.toFixed(1), reference.toFixed(1), (ms / reference).toFixed(2)]);
      }
      rows.push([`whole dashboard · ${label}`, total.toFixed(1), reference.toFixed(1), (total / reference).toFixed(2)]);
      if (label.startsWith("default")) dashboardTotal = total;
    }
    const header = ["query", "ms (median)", "count(*) ms", "ratio"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
    console.log(line(header));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const r of rows) console.log(line(r));
    console.log(`\nReference: select count(*) from bookings over ${counts[0].bookings.toLocaleString("en-GB")} rows, ${reference.toFixed(1)} ms.`);
    console.log(`The default dashboard view runs its ${figures.length} queries in ${dashboardTotal.toFixed(0)} ms in sequence (the page runs them in parallel).`);
  } finally {
    await client.end();
    if (process.env.BENCH_KEEP_DATABASE !== "true") {
      const admin = createDb(server, { max: 1 });
      await admin.sql.unsafe(`drop database if exists "${NAME}" with (force)`);
      await admin.sql.end();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

import { expect, test } from "@playwright/test";
import {
  discoverPages, discoverRouteHandlers, fillParams, pageMatrix, routeMatrix, routeQuery, type Role, type Samples,
} from "../../tests/authz-matrix";
import { signInAs, withE2eDb } from "../fixtures/staff";

// Over real HTTP, against the production build: every staff page and route handler, for anonymous,
// finance and admin. Server actions are covered in process by tests/integration/authorization.test.ts.

type Who = "anonymous" | Exclude<Role, "door">;
const WHO: Who[] = ["anonymous", "finance", "admin"];

async function samples(): Promise<Samples> {
  return withE2eDb(async (sql) => {
    const [s] = await sql`select s.id as session_id, s.course_id, s.venue_id from course_sessions s order by s.starts_at limit 1`;
    const [t] = await sql`select id from requirement_templates limit 1`;
    const [b] = await sql`select reference from bookings limit 1`;
    const [i] = await sql`select number from invoices limit 1`;
    const [tt] = await sql`select id from ticket_types limit 1`;
    // The demo data has no seating plan: a one-seat plan gives the plan page something to show.
    const [p] = await sql`insert into seating_plans (venue_id, name) values (${s.venue_id}, 'Authorisation check')
      on conflict (venue_id, name) do update set name = excluded.name returning id, venue_id`;
    await sql`insert into seats (plan_id, section, row, number, seat_class, x, y, sort_order)
      values (${p.id}, 'Stalls', 'A', '1', 'Standard', 1, 1, 1) on conflict do nothing`;
    const [o] = await sql`select course_id, venue_id from slot_offerings order by course_id limit 1`;
    const [q] = await sql`select id from course_questions limit 1`;
    // A disabled endpoint (nothing is sent to it) for the endpoint page; its secret is never read here.
    const [w] = await sql`insert into webhook_endpoints (url, events, secret_ciphertext, disabled_at, disabled_reason)
      values ('https://hooks.example/authorisation', ${["booking.created"]}, 'v1:unused:unused:unused', now(), 'Authorisation check')
      returning id`;
    const [m] = await sql`insert into members (email, level, member_number, valid_from)
      values ('authz-check@example.test', 'silver', 'AUTHZ-CHECK', '2020-01-01')
      on conflict (member_number) do update set level = excluded.level returning id`;
    return {
      memberId: m.id,
      offeringId: o.course_id, locationId: o.venue_id, questionId: q.id,
      courseId: s.course_id, sessionId: s.session_id, venueId: s.venue_id, templateId: t.id, reference: b.reference,
      invoiceNumber: i?.number ?? "no-invoice-issued", ticketTypeId: tt.id, planId: p.id, planVenueId: p.venue_id, webhookEndpointId: w.id,
    };
  });
}

/** A booking paid through the simulated checkout, so an invoice exists for the finance pages. */
async function payOneBooking(page: import("@playwright/test").Page) {
  // A course sold at one price without seats, so the booking needs no ticket type or seat.
  const [session] = await withE2eDb((sql) => sql`select s.id from course_sessions s join courses c on c.id = s.course_id
    where c.slug = 'first-aid-at-work' and s.status = 'scheduled' and s.seating_plan_id is null and s.places_booked + s.places_held < s.capacity
    order by s.starts_at limit 1`);
  const res = await page.request.post("/api/v1/bookings", { data: {
    sessionId: session.id, paymentOption: "full", acceptTerms: true,
    contact: { name: "Ivy Invoice", email: "ivy@example.com", phone: "+44 20 7946 0456" },
    attendees: [{ firstName: "Ivy", lastName: "Invoice" }],
  } });
  expect(res.status()).toBe(201);
  await page.goto((await res.json()).checkoutUrl);
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByRole("heading", { name: "Booking confirmed" })).toBeVisible();
}

test("[ADMIN] the matrix lists every staff page and route on disk", () => {
  expect(Object.keys(pageMatrix).sort()).toEqual(discoverPages());
  expect(Object.keys(routeMatrix).sort()).toEqual(discoverRouteHandlers().map((r) => r.route));
});

test("[ADMIN] anonymous, finance and admin get the expected answer from every staff page and route", async ({ browser, baseURL, page }) => {
  await payOneBooking(page);
  const sample = await samples();
  const tokens: Record<Who, string | null> = { anonymous: null, finance: null, admin: null };
  for (const role of ["finance", "admin"] as const) {
    const ctx = await browser.newContext();
    tokens[role] = (await signInAs(ctx, role)).token;
    await ctx.close();
  }
  const call = async (who: Who, url: string) => {
    const controller = new AbortController();
    const res = await fetch(`${baseURL}${url}`, {
      redirect: "manual", signal: controller.signal,
      headers: tokens[who] ? { cookie: `next-auth.session-token=${tokens[who]}` } : {},
    });
    const result = { status: res.status, location: res.headers.get("location"), type: res.headers.get("content-type") };
    controller.abort(); // The live stream never ends by itself.
    return result;
  };

  const problems: string[] = [];
  for (const [route, entry] of Object.entries(pageMatrix)) {
    const url = fillParams(route, entry.params?.(sample));
    for (const who of WHO) {
      const got = await call(who, url);
      const ok = who === "anonymous"
        ? got.status === 307 && got.location?.endsWith(`/signin?callbackUrl=${encodeURIComponent(url)}`)
        : entry.roles.includes(who) ? got.status === 200 : got.status === 403;
      if (!ok) problems.push(`${who} ${url}: ${got.status} ${got.location ?? ""}`);
    }
  }
  for (const [route, entry] of Object.entries(routeMatrix)) {
    if (!entry.methods.includes("GET")) continue; // JSON endpoints: covered by the integration test
    const url = `${fillParams(route, entry.params?.(sample))}${routeQuery(entry, sample)}`;
    for (const who of WHO) {
      const expected = who === "anonymous" ? 401 : entry.roles.includes(who) ? 200 : 403;
      const got = await call(who, url);
      if (got.status !== expected) problems.push(`${who} GET ${url}: ${got.status}, expected ${expected}`);
    }
  }
  expect(problems).toEqual([]);
});

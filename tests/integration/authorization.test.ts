// The authorisation matrix, run in process: anonymous, finance and admin against every staff page,
// layout, route handler and server action, each with the outcome the matrix says. The lists are read from
// the file system, so a new staff route without a matrix entry fails here.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { bookings, courseQuestions, invoices, members, requirementTemplates, seatingPlans, seats, slotOfferings, ticketTypes, venues } from "@/db/schema";
import {
  actionMatrix, discoverActionFiles, discoverLayouts, discoverPages, discoverRouteHandlers, fillParams, layoutMatrix,
  pageMatrix, routeMatrix, routeQuery, type Role, type Samples,
} from "../authz-matrix";
import { createWebhookEndpoint, setWebhookEndpointEnabled } from "@/lib/webhooks/endpoints";
import { checkoutEvent, createBookingViaApi, createSessionFixture, db, postWebhook } from "../fixtures";
import { actAs, nextInterrupt, staffSession, type TestStaff } from "../next-request";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

type Who = "anonymous" | Role;
const WHO: Who[] = ["anonymous", "finance", "admin"];

let samples: Samples;
const staff = {} as Record<Role, TestStaff>;

async function as(who: Who, path = "/admin") {
  // A fresh session per call: signOut (allowed) deletes the one it is called with.
  const s = who === "anonymous" ? null : await staffSession(who, staff[who].email);
  actAs(s, path);
  return s;
}

beforeAll(async () => {
  staff.admin = await staffSession("admin");
  staff.finance = await staffSession("finance");
  // Its own course and session: other test files create and change courses at the same time.
  const { course, session } = await createSessionFixture();
  const [venue] = await db().select().from(venues).limit(1);
  const [template] = await db().select().from(requirementTemplates).limit(1);
  const [booking] = await db().select().from(bookings).limit(1);
  // A paid booking, so an invoice exists for the finance pages.
  const paid = await createBookingViaApi((await createSessionFixture()).session.id, 1);
  await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", paid.booking)));
  const [invoice] = await db().select().from(invoices).limit(1);
  const [ticketType] = await db().select().from(ticketTypes).limit(1);
  const [plan] = await db().insert(seatingPlans).values({ venueId: venue.id, name: `Authorisation ${Date.now()}` }).returning();
  await db().insert(seats).values({ planId: plan.id, section: "Stalls", row: "A", number: "1", seatClass: "Standard", x: 1, y: 1, sortOrder: 1 });
  const [offering] = await db().select().from(slotOfferings).limit(1);
  const [question] = await db().select().from(courseQuestions).limit(1);
  // Disabled, so the events other tests cause are not queued for it.
  const endpoint = await createWebhookEndpoint(db(), { id: null, email: "test:authorization" },
    { url: "https://hooks.example/authorisation", description: null, events: ["booking.created"], receivesHealthData: false });
  await setWebhookEndpointEnabled(db(), { id: null, email: "test:authorization" }, endpoint.id, false);
  const [member] = await db().insert(members).values({ email: `authz-${randomUUID()}@example.test`, level: "silver", memberNumber: `AZ-${randomUUID().slice(0, 8)}`, validFrom: new Date("2020-01-01") }).returning();
  samples = {
    memberId: member.id,
    offeringId: offering.courseId, locationId: offering.venueId, questionId: question.id,
    courseId: course.id, sessionId: session.id, venueId: venue.id, templateId: template.id, reference: booking.reference,
    invoiceNumber: invoice?.number ?? "no-invoice-issued",
    ticketTypeId: ticketType.id, planId: plan.id, planVenueId: plan.venueId, webhookEndpointId: endpoint.id,
  };
});

describe("the matrix covers every staff route on disk", () => {
  it("has an entry for every page, and none for pages that are gone", () => {
    expect(Object.keys(pageMatrix).sort()).toEqual(discoverPages());
  });

  it("has an entry for every layout", () => {
    expect(Object.keys(layoutMatrix).sort()).toEqual(discoverLayouts());
  });

  it("has an entry for every route handler and each method it exports", () => {
    const found = discoverRouteHandlers();
    expect(Object.keys(routeMatrix).sort()).toEqual(found.map((r) => r.route));
    for (const r of found) expect(routeMatrix[r.route].methods.sort(), r.file).toEqual(r.methods.sort());
  });

  it("has an entry for every exported server action", async () => {
    const found: string[] = [];
    for (const file of discoverActionFiles()) {
      const mod = await import(/* @vite-ignore */ `@/${file.replace(/\.tsx?$/, "")}`);
      for (const [name, value] of Object.entries(mod)) if (typeof value === "function") found.push(`${file}#${name}`);
    }
    expect(Object.keys(actionMatrix).sort()).toEqual(found.sort());
  });
});

type PageModule = { default: (props: { params: Promise<Record<string, string>>; searchParams: Promise<Record<string, string>>; children?: unknown }) => Promise<unknown> };

async function loadPage(route: string, kind: "page" | "layout"): Promise<PageModule> {
  const dir = route === "/" ? "app" : `app${route}`;
  return import(/* @vite-ignore */ `@/${dir}/${kind}`);
}

/** What calling a page or layout as this person does: rendered, redirected to sign-in, or refused. */
async function pageOutcome(mod: PageModule, who: Who, route: string, params: Record<string, string>) {
  await as(who, fillParams(route, params));
  try {
    await mod.default({ params: Promise.resolve(params), searchParams: Promise.resolve({}), children: null });
    return "rendered";
  } catch (err) {
    const i = nextInterrupt(err);
    if (i?.kind === "redirect") return `redirect ${i.location}`;
    if (i?.kind === "status") return `status ${i.status}`;
    throw err;
  }
}

function expectedPage(who: Who, roles: Role[], url: string) {
  if (who === "anonymous") return `redirect /signin?callbackUrl=${encodeURIComponent(url)}`;
  return roles.includes(who) ? "rendered" : "status 403";
}

describe("pages", () => {
  for (const [route, entry] of Object.entries(pageMatrix)) {
    for (const who of WHO) {
      it(`${route} as ${who}: ${who === "anonymous" ? "sign-in" : entry.roles.includes(who) ? "allowed" : "403"}`, async () => {
        const params = entry.params?.(samples) ?? {};
        const url = fillParams(route, params);
        expect(await pageOutcome(await loadPage(route, "page"), who, route, params)).toBe(expectedPage(who, entry.roles, url));
      });
    }
  }
});

describe("layouts", () => {
  for (const [route, entry] of Object.entries(layoutMatrix)) {
    for (const who of WHO) {
      it(`${route} layout as ${who}`, async () => {
        expect(await pageOutcome(await loadPage(route, "layout"), who, route, {})).toBe(expectedPage(who, entry.roles, route));
      });
    }
  }
});

describe("route handlers", () => {
  for (const [route, entry] of Object.entries(routeMatrix)) {
    for (const method of entry.methods) {
      for (const who of WHO) {
        const expected = who === "anonymous" ? 401 : entry.roles.includes(who) ? entry.allowedStatus ?? 200 : 403;
        // More time than the default: the first allowed ZIP export renders every document issued today in
        // this run's database, hundreds of PDFs once the invoice tests ran.
        it(`${method} ${route} as ${who}: ${expected}`, async () => {
          const s = await as(who);
          const mod = await import(/* @vite-ignore */ `@/app${route}/route`);
          const params = entry.params?.(samples) ?? {};
          const req = new Request(`http://localhost:3000${fillParams(route, params)}${routeQuery(entry, samples)}`, {
            method, headers: s ? { cookie: `next-auth.session-token=${s.token}` } : {},
          });
          const res: Response = await mod[method](req, { params: Promise.resolve(params) });
          expect(res.status).toBe(expected);
          if (expected === 401 || expected === 403) expect((await res.json()).error.code).toBe(expected === 401 ? "unauthorized" : "forbidden");
          else if (expected >= 400) expect((await res.json()).error.code).toBe("invalid_request");
          // The live stream never ends: stop reading it. Everything else is read to the end.
          else if (res.headers.get("content-type")?.startsWith("text/event-stream")) await res.body?.cancel();
          else await res.arrayBuffer();
        }, 120_000);
      }
    }
  }
});

describe("server actions", () => {
  for (const [key, entry] of Object.entries(actionMatrix)) {
    const [file, name] = key.split("#");
    for (const who of WHO) {
      const allowed = who !== "anonymous" && entry.roles.includes(who);
      it(`${name} (${file}) as ${who}: ${who === "anonymous" ? "unauthorized" : allowed ? "passes the role check" : "forbidden"}`, async () => {
        await as(who);
        const mod = await import(/* @vite-ignore */ `@/${file.replace(/\.tsx?$/, "")}`);
        // Input no action accepts (except signOut, which takes none): an allowed caller gets past the role
        // check to validation, and nothing is written.
        const result = await mod[name]({ probe: true });
        if (who === "anonymous") expect(result).toMatchObject({ ok: false, code: "unauthorized" });
        else if (!allowed) expect(result).toMatchObject({ ok: false, code: "forbidden" });
        else if (name === "signOut") expect(result).toMatchObject({ ok: true });
        else expect(result).toMatchObject({ ok: false, code: "invalid_request" });
      });
    }
  }
});

describe("sessions that no longer count", () => {
  it("treats an expired session and a disabled user as anonymous", async () => {
    const { disableStaffUser } = await import("@/app/admin/users/actions");
    const expired = await staffSession("admin");
    await db().execute(`update auth_sessions set expires = now() - interval '1 minute' where session_token = '${expired.token}'`);
    actAs(expired);
    expect(await disableStaffUser({ id: expired.id })).toMatchObject({ ok: false, code: "unauthorized" });

    const victim = await staffSession("finance");
    const admin = await staffSession("admin", staff.admin.email);
    actAs(admin);
    expect(await disableStaffUser({ id: victim.id })).toMatchObject({ ok: true });
    actAs(victim);
    const { signOut } = await import("@/app/admin/actions");
    expect(await signOut(null)).toMatchObject({ ok: false, code: "unauthorized" });
  });
});

// The requirements dashboard: only confirmed bookings, most urgent first, checklists generated once,
// acknowledgements and ticks with who and when, venue gaps, exports, and live notifications on payment.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLogs, authSessions, bookingAttendees, bookings, checklistItems, venueFeatures } from "@/db/schema";
import { syncGeneratedChecklist } from "@/db/queries/requirements";
import { acknowledgeRequirement, addChecklistItem, removeChecklistItem, setChecklistItemDone } from "@/app/admin/requirements/actions";
import { GET as csvRoute } from "@/app/admin/requirements/export/csv/route";
import { GET as pdfRoute } from "@/app/admin/requirements/export/pdf/route";
import { GET as streamRoute } from "@/app/api/admin/requirements/stream/route";
import { loadDashboard } from "@/lib/requirements/load-dashboard";
import { notifyRequirementsChanged, subscribeLive, type LiveEvent } from "@/lib/requirements/live";
import { checkoutEvent, createBookingViaApi, createSessionFixture, db, postWebhook, templateByCode } from "../fixtures";
import { actAs, pageText, staffSession, type TestStaff } from "../next-request";
import { pdfText } from "../pdf-text";
import { warmPdfPool } from "@/lib/pdf/render-pool";

// Start the PDF threads (they compile the documents once) before the first test's clock runs.
beforeAll(warmPdfPool);

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));

let admin: TestStaff;
beforeEach(async () => {
  admin = await staffSession("admin");
  actAs(admin);
});

type Need = { code: string; details?: string };
const contact = { name: "Pat Booker", email: "pat.booker@example.com", phone: "+44 20 7946 0001" };

/** A booking for these attendees (each with its needs), paid unless told otherwise. */
async function book(sessionId: string, attendees: { first: string; last: string; needs?: Need[] }[], { pay = true } = {}) {
  const body = await Promise.all(attendees.map(async (a) => ({
    firstName: a.first, lastName: a.last,
    requirements: await Promise.all((a.needs ?? []).map(async (n) => ({ templateId: (await templateByCode(n.code)).id, details: n.details }))),
  })));
  const { booking } = await createBookingViaApi(sessionId, attendees.length, { attendees: body, contact });
  if (pay) expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).status).toBe(200);
  return booking;
}

const dashboardFor = async (sessionId: string, extra: Record<string, string> = {}) =>
  (await loadDashboard(db(), { session: sessionId, ...extra })).sessions;

describe("what the dashboard shows", () => {
  it("lists only confirmed bookings' needs, Critical first, with counts per priority and category", async () => {
    const { session } = await createSessionFixture();
    await book(session.id, [
      { first: "Vera", last: "Vegan", needs: [{ code: "diet_vegan" }] },
      { first: "Ari", last: "Allergic", needs: [{ code: "allergy_severe", details: "Peanuts; carries an EpiPen" }, { code: "diet_gluten_free" }] },
    ]);
    await book(session.id, [{ first: "Penny", last: "Pending", needs: [{ code: "medical_condition", details: "Epilepsy" }] }], { pay: false });

    const [s] = await dashboardFor(session.id);
    expect(s.groups.map((g) => [g.priority, g.requirements.map((r) => `${r.attendeeName}: ${r.label}`)])).toEqual([
      ["critical", ["Ari Allergic: Severe allergy (risk of anaphylaxis)"]],
      ["high", ["Ari Allergic: Gluten-free (coeliac)"]],
      ["standard", ["Vera Vegan: Vegan"]],
    ]);
    expect(s.groups[0].requirements[0]).toMatchObject({ details: "Peanuts; carries an EpiPen", reference: expect.stringMatching(/^TRN-/) });
    expect(s.counts).toMatchObject({ total: 3, byPriority: { critical: 1, high: 1, standard: 1 }, byCategory: { allergy: 1, dietary: 2, medical: 0 } });
    expect(s.unacknowledgedCritical).toBe(1);
  });

  it("leaves out the needs and tasks of an attendee whose place was cancelled", async () => {
    const { session } = await createSessionFixture();
    const booking = await book(session.id, [
      { first: "Stay", last: "Ing", needs: [{ code: "diet_vegan" }] },
      { first: "Gone", last: "Away", needs: [{ code: "hearing_loop" }] },
    ]);
    await db().update(bookingAttendees).set({ cancelledAt: new Date() })
      .where(and(eq(bookingAttendees.bookingId, booking.id), eq(bookingAttendees.firstName, "Gone")));
    const [s] = await dashboardFor(session.id);
    expect(s.groups.flatMap((g) => g.requirements.map((r) => r.attendeeName))).toEqual(["Stay Ing"]);
    expect(s.checklist.items.map((i) => i.attendeeName)).toEqual(["Stay Ing"]);
    expect(s.gaps).toEqual([]);
  });

  it("narrows by category and priority, hiding sessions with nothing that matches", async () => {
    // On a day of their own: the dashboard lists a bounded number of sessions, and other tests fill the usual days.
    const { session: a, course } = await createSessionFixture({ startsInDays: 377 });
    const { session: b } = await createSessionFixture({ startsInDays: 377 });
    await book(a.id, [{ first: "Hal", last: "Hearing", needs: [{ code: "hearing_loop" }, { code: "diet_halal" }] }]);
    await book(b.id, [{ first: "Dot", last: "Diet", needs: [{ code: "diet_vegetarian" }] }]);
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(a.startsAt);
    const byCategory = await loadDashboard(db(), { category: "hearing", from: day, to: day });
    expect(byCategory.sessions.map((s) => s.id)).toContain(a.id);
    expect(byCategory.sessions.map((s) => s.id)).not.toContain(b.id);
    expect(byCategory.sessions.find((s) => s.id === a.id)!.counts.total).toBe(1);
    const byCourse = await loadDashboard(db(), { course: course.id, priority: "standard" });
    expect(byCourse.sessions.map((s) => [s.id, s.groups.flatMap((g) => g.requirements.map((r) => r.label))])).toEqual([[a.id, ["Halal"]]]);
  });

  it("filters by the venue's calendar dates", async () => {
    const { session } = await createSessionFixture({ startsInDays: 40 });
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(session.startsAt);
    expect((await loadDashboard(db(), { from: day, to: day })).sessions.map((s) => s.id)).toContain(session.id);
    const next = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date(session.startsAt.getTime() + 86_400_000));
    expect((await loadDashboard(db(), { from: next })).sessions.map((s) => s.id)).not.toContain(session.id);
  });

  it("warns when attendees need a feature the venue lacks or has not been assessed on", async () => {
    const { session, venue } = await createSessionFixture();
    await db().insert(venueFeatures).values([
      { venueId: venue.id, feature: "step_free_entrance", status: "yes" },
      { venueId: venue.id, feature: "step_free_route", status: "no" },
    ]);
    await book(session.id, [{ first: "Wil", last: "Wheels", needs: [{ code: "access_wheelchair" }] }]);
    const [s] = await dashboardFor(session.id);
    expect(s.gaps.map((g) => [g.feature, g.status, g.neededBy.map((n) => n.attendeeName)])).toEqual([
      ["step_free_route", "no", ["Wil Wheels"]],
      ["accessible_toilet", "unknown", ["Wil Wheels"]],
    ]);
    // A category filter does not hide the gap: the attendee still comes.
    const [filtered] = await dashboardFor(session.id, { category: "access" });
    expect(filtered.gaps).toHaveLength(2);
  });
});

describe("preparation checklist", () => {
  it("generates each need's tasks once, even when synced concurrently, and drops them if the booking is refunded", async () => {
    const { session } = await createSessionFixture();
    const booking = await book(session.id, [{ first: "Wil", last: "Wheels", needs: [{ code: "access_wheelchair" }] }]);
    await Promise.all([syncGeneratedChecklist(db(), [session.id]), syncGeneratedChecklist(db(), [session.id]), syncGeneratedChecklist(db(), [session.id])]);
    const [s] = await dashboardFor(session.id);
    expect(s.checklist.items.map((i) => [i.source, i.label, i.attendeeName])).toEqual([
      ["generated", "Confirm step-free access and an accessible toilet", "Wil Wheels"],
      ["generated", "Keep a wheelchair space free (at a table, or in the seating)", "Wil Wheels"],
    ]);
    expect(s.checklist).toMatchObject({ done: 0, total: 2, percent: 0 });

    await db().update(bookings).set({ status: "refunded" }).where(eq(bookings.id, booking.id));
    const [after] = await dashboardFor(session.id);
    expect(after.checklist.items).toEqual([]);
  });

  it("ticks items with who and when, adds and removes staff tasks, and audits each change", async () => {
    const { session } = await createSessionFixture();
    await book(session.id, [{ first: "Ari", last: "Allergic", needs: [{ code: "allergy_severe", details: "Sesame" }] }]);
    const [s] = await dashboardFor(session.id);
    const item = s.checklist.items[0];

    expect(await setChecklistItemDone({ itemId: item.id, done: true })).toEqual({ ok: true, data: { done: true } });
    const added = await addChecklistItem({ sessionId: session.id, label: "  Print name badges " });
    expect(added.ok).toBe(true);
    expect(await addChecklistItem({ sessionId: session.id, label: "   " })).toMatchObject({ fields: { label: "Describe the task" } });
    expect(await removeChecklistItem({ itemId: item.id })).toMatchObject({ ok: false, code: "conflict" });

    const [after] = await dashboardFor(session.id);
    const ticked = after.checklist.items.find((i) => i.id === item.id)!;
    expect(ticked.doneAt).toBeInstanceOf(Date);
    expect(ticked.doneBy).toMatchObject({ id: admin.id, email: admin.email });
    expect(after.checklist.items.map((i) => i.label)).toContain("Print name badges");
    expect(after.checklist).toMatchObject({ done: 1, total: 3, percent: 33 });

    const staffItem = after.checklist.items.find((i) => i.source === "staff")!;
    expect(await removeChecklistItem({ itemId: staffItem.id })).toEqual({ ok: true, data: null });
    expect(await setChecklistItemDone({ itemId: item.id, done: false })).toEqual({ ok: true, data: { done: false } });
    const [row] = await db().select().from(checklistItems).where(eq(checklistItems.id, item.id));
    expect(row).toMatchObject({ doneAt: null, doneBy: null });
    const actions = (await db().select().from(auditLogs).where(eq(auditLogs.actorId, admin.id))).map((a) => a.action).sort();
    expect(actions).toEqual(["checklist.add", "checklist.remove", "checklist.tick", "checklist.untick"]);
  });
});

describe("acknowledging", () => {
  it("records who acknowledged a need and when, once", async () => {
    const { session } = await createSessionFixture();
    await book(session.id, [{ first: "Mo", last: "Medical", needs: [{ code: "medical_condition", details: "Type 1 diabetes" }] }]);
    const [s] = await dashboardFor(session.id);
    const need = s.groups[0].requirements[0];
    const first = await acknowledgeRequirement({ requirementId: need.id });
    expect(first).toMatchObject({ ok: true });
    const other = await staffSession("admin");
    actAs(other);
    const second = await acknowledgeRequirement({ requirementId: need.id });
    expect(second).toEqual(first);
    const [after] = await dashboardFor(session.id);
    expect(after.groups[0].requirements[0].acknowledgedBy).toMatchObject({ id: admin.id });
    expect(after.unacknowledgedCritical).toBe(0);
    expect(await acknowledgeRequirement({ requirementId: "00000000-0000-4000-8000-000000000000" })).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("exports", () => {
  const get = (route: typeof csvRoute, url: string, token: string) =>
    route(new Request(`http://localhost:3000${url}`, { headers: { cookie: `next-auth.session-token=${token}` } }), { params: Promise.resolve({}) });

  it("writes one CSV row per need, Critical first, with spreadsheet formulas neutralised", async () => {
    const { session, course } = await createSessionFixture();
    const booking = await book(session.id, [
      { first: "Vera", last: "Vegan", needs: [{ code: "diet_vegan" }] },
      { first: "Ari", last: "Allergic", needs: [{ code: "allergy_severe", details: "=HYPERLINK(\"http://x\")" }] },
    ]);
    const res = await get(csvRoute, `/admin/requirements/export/csv?session=${session.id}`, admin.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="requirements-test-course-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Session date,Start,End,Course,Venue,Priority,Category,Requirement,Details,Attendee,Ticket and seat,Booking reference,Acknowledged at,Acknowledged by");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`${course.title},`);
    expect(lines[1]).toContain(`Critical,Allergy,Severe allergy (risk of anaphylaxis),"'=HYPERLINK(""http://x"")",Ari Allergic,,${booking.reference},,`);
    expect(lines[2]).toContain(`Standard,Dietary,Vegan,,Vera Vegan,,${booking.reference},,`);
    // Health information leaving the system is on the audit log: who, when, which session.
    const [entry] = await db().select().from(auditLogs)
      .where(and(eq(auditLogs.action, "requirements.export"), eq(auditLogs.entityId, session.id)));
    expect(entry).toMatchObject({ actorId: admin.id, entityType: "requirements", after: expect.objectContaining({ format: "csv", sessions: 1 }) });
  });

  it("prints a PDF sheet per session with the needs and the checklist", async () => {
    const { session, course } = await createSessionFixture();
    await book(session.id, [{ first: "Ari", last: "Allergic", needs: [{ code: "allergy_severe", details: "Sesame" }] }]);
    const res = await get(pdfRoute, `/admin/requirements/export/pdf?session=${session.id}`, admin.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(bytes);
    expect(text).toContain(`Attendee requirements: ${course.title}`);
    expect(text).toMatch(/Critical\s+Ari Allergic\s+Severe allergy/);
    expect(text).toContain("Sesame");
    expect(text).toContain("Brief the caterer on the allergen");
    // Counts in words that agree with them, and the time printed in the venue's zone (the fixture's is London).
    expect(text).toMatch(/1\s+attendee\s+booked/);
    expect(text).toMatch(/1\s+requirement:\s+Critical\s+1,/);
    expect(text).toMatch(/Printed\s+\d{1,2}\s+\w{3}\s+\d{4},?\s+\d\d:\d\d\s+(GMT|BST|GMT\+1)\./);
  });
});

describe("live updates", () => {
  it("announces a paid booking (from the payment's own transaction) and staff changes to every subscriber", async () => {
    const { session } = await createSessionFixture();
    const events: LiveEvent[] = [];
    const stop = await subscribeLive((e) => events.push(e));
    try {
      const booking = await book(session.id, [
        { first: "Ari", last: "Allergic", needs: [{ code: "allergy_severe", details: "Sesame" }] },
        { first: "Vera", last: "Vegan", needs: [{ code: "diet_vegan" }] },
      ]);
      await vi.waitFor(() => expect(events.find((e) => e.type === "booking-paid")).toBeDefined(), { timeout: 5000 });
      expect(events.find((e) => e.type === "booking-paid")).toMatchObject({
        bookingId: booking.id, reference: booking.reference, sessionId: session.id, requirements: 2, critical: 1,
        message: expect.stringMatching(new RegExp(`^New booking ${booking.reference}: Test Course .* — 2 attendees, 2 special requirements \\(1 Critical\\)\\.$`)),
      });
      const [s] = await dashboardFor(session.id);
      await setChecklistItemDone({ itemId: s.checklist.items[0].id, done: true });
      await vi.waitFor(() => expect(events).toContainEqual({ type: "requirements-changed", sessionId: session.id }), { timeout: 5000 });
    } finally {
      stop();
    }
  });

  it("says nothing about a booking that is created but not paid", async () => {
    const { session } = await createSessionFixture();
    const events: LiveEvent[] = [];
    const stop = await subscribeLive((e) => events.push(e));
    try {
      const pending = await book(session.id, [{ first: "Penny", last: "Pending" }], { pay: false });
      const paid = await book(session.id, [{ first: "Paul", last: "Paid" }]);
      await vi.waitFor(() => expect(events.some((e) => e.type === "booking-paid" && e.bookingId === paid.id)).toBe(true), { timeout: 5000 });
      expect(events.some((e) => e.type === "booking-paid" && e.bookingId === pending.id)).toBe(false);
    } finally {
      stop();
    }
  });
});

describe("who sees attendees' needs", () => {
  it("keeps health details on the booking page for admins, away from finance", async () => {
    const { session } = await createSessionFixture();
    const booking = await book(session.id, [
      { first: "Ari", last: "Allergic", needs: [{ code: "allergy_severe", details: "Peanuts; carries an EpiPen" }] },
    ]);
    const { default: BookingAdminPage } = await import("@/app/admin/bookings/[reference]/page");
    const render = async () => pageText(await BookingAdminPage({ params: Promise.resolve({ reference: booking.reference }) }));

    actAs(admin, `/admin/bookings/${booking.reference}`);
    expect(await render()).toContain("Peanuts; carries an EpiPen");

    actAs(await staffSession("finance"), `/admin/bookings/${booking.reference}`);
    const seen = await render();
    expect(seen).toContain("Ari");
    expect(seen).toContain(booking.reference);
    expect(seen).not.toContain("Peanuts");
    expect(seen).not.toContain((await templateByCode("allergy_severe")).label);
  });
});

describe("the live stream", () => {
  async function open(token: string) {
    const res = await streamRoute(new Request("http://localhost:3000/api/admin/requirements/stream", {
      headers: { cookie: `next-auth.session-token=${token}` },
    }), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    /** Reads until `done(text)` or the stream ends; true when it ended. */
    const readUntil = async (done: (t: string) => boolean) => {
      while (!done(text)) {
        const chunk = await reader.read();
        if (chunk.done) return true;
        text += decoder.decode(chunk.value);
      }
      return false;
    };
    return { reader, readUntil, text: () => text };
  }

  it("stops sending to someone whose session ended while the stream was open", async () => {
    const { session } = await createSessionFixture();
    const viewer = await staffSession("admin");
    const stream = await open(viewer.token);
    try {
      expect(await stream.readUntil((t) => t.includes("event: ready"))).toBe(false);
      await notifyRequirementsChanged(db(), session.id);
      expect(await stream.readUntil((t) => t.includes(session.id))).toBe(false);

      // Signed out (or disabled) elsewhere: the next event must not reach this browser, and the stream ends.
      await db().delete(authSessions).where(eq(authSessions.sessionToken, viewer.token));
      const { session: other } = await createSessionFixture();
      await notifyRequirementsChanged(db(), other.id);
      const ended = await Promise.race([
        stream.readUntil((t) => t.includes(other.id)),
        // A deadline for the outcome, not a delay: on time the stream ends at once.
        new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 60_000)),
      ]);
      expect(ended).toBe(true);
      expect(stream.text()).not.toContain(other.id);
    } finally {
      await stream.reader.cancel().catch(() => {});
    }
  });
});

// Tickets and door check-in against the real database: many doors at once, refunds, reissues, offline sync
// and every bad ticket answered distinctly with only the scan written.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { checkIns, courseSessions, ticketScans } from "@/db/schema";
import { cancelSession } from "@/lib/catalog/sessions";
import { reissueTicket } from "@/lib/tickets/issue";
import { refundBooking } from "@/lib/payments/refund-booking";
import { createSessionFixture, db, rowCounts } from "../fixtures";
import { clearJobs, createPaidBooking, runJobs, staffCookie, uniqueEmail } from "../finance-fixtures";
import { receiveMailForTests } from "../mail-server";
import { bookingAccessToken } from "@/lib/booking/reference";
import { createApiKey } from "@/lib/api-keys/keys";
import { responseSchema } from "@/lib/api/openapi";
import { formatDate, formatTime } from "@/lib/format";
import { admissionCounts, apiCheckIn, manifest, syncScans, ticketsOf, undo } from "../check-in-fixtures";

let door: { cookie: string; user: { id: string; email: string; name: string | null } };
let admin: { cookie: string; user: { id: string; email: string; name: string | null } };

beforeAll(async () => {
  door = await staffCookie("door");
  admin = await staffCookie("admin");
});

const two = [{ firstName: "Ann", lastName: "One" }, { firstName: "Bo", lastName: "Two" }];

describe("tickets", () => {
  it("a paid booking gets one ticket per place, with unguessable, distinct secrets stored only as hashes", async () => {
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id, { attendees: two });
    const list = await ticketsOf(booking.id);
    expect(list).toHaveLength(2);
    expect(new Set(list.map((t) => t.qr)).size).toBe(2);
    for (const t of list) {
      expect(t.qr).toMatch(/^TT1:[A-Za-z0-9_-]{24}$/);
      expect(t.qr).not.toContain(booking.reference);
      expect(t.secretHash).toMatch(/^[0-9a-f]{64}$/);
      expect(t.secretHash).not.toContain(t.qr.slice(4));
    }
  });
});

describe("check-in", () => {
  it("50 concurrent check-ins of one ticket on 5 devices: exactly one succeeds, 49 hear who let it in", async () => {
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id, { attendees: two });
    const [ticket] = await ticketsOf(booking.id);
    const before = await admissionCounts();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      apiCheckIn({ secret: ticket.qr, sessionId: session.id, deviceId: `Door ${(i % 5) + 1}` }, door.cookie)));
    const won = answers.filter((a) => a.status === 201);
    expect(won).toHaveLength(1);
    expect(won[0].json.outcome).toMatchObject({ result: "checked_in", tone: "green", title: "Checked in: Ann One, Standard" });
    const winner = won[0].json.outcome.checkIn.deviceId;
    const lost = answers.filter((a) => a.status !== 201);
    expect(lost).toHaveLength(49);
    for (const a of lost) {
      expect(a.status).toBe(409);
      expect(a.json.outcome.result).toBe("already_checked_in");
      expect(a.json.outcome.tone).toBe("amber");
      expect(a.json.outcome.checkIn.deviceId).toBe(winner);
      expect(a.json.outcome.title).toMatch(new RegExp(`^Already checked in at \\d\\d:\\d\\d by ${winner}$`));
    }
    const after = await admissionCounts();
    expect(after.check_ins - before.check_ins).toBe(1);
    expect(after.scans - before.scans).toBe(50);
    const scans = await db().select().from(ticketScans).where(eq(ticketScans.ticketId, ticket.id));
    expect(scans.filter((s) => s.result === "checked_in")).toHaveLength(1);
    expect(scans.every((s) => s.staffUserId === door.user.id && s.method === "api")).toBe(true);
  });

  it("the database itself refuses a second active check-in of a ticket", async () => {
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id);
    const [ticket] = await ticketsOf(booking.id);
    const row = { ticketId: ticket.id, sessionId: session.id, deviceId: "Door 1", checkedInAt: new Date() };
    await db().insert(checkIns).values(row);
    await expect(db().insert(checkIns).values({ ...row, deviceId: "Door 2" })).rejects.toMatchObject({ cause: { constraint_name: "check_ins_one_active_per_ticket" } });
  });

  it("an API retry with the same clientId is answered the same and counted once", async () => {
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id);
    const [ticket] = await ticketsOf(booking.id);
    const body = { secret: ticket.qr, sessionId: session.id, deviceId: "Gate A", clientId: randomUUID() };
    const first = await apiCheckIn(body, door.cookie);
    const before = await admissionCounts();
    const again = await Promise.all([apiCheckIn(body, door.cookie), apiCheckIn(body, door.cookie)]);
    expect(first.status).toBe(201);
    for (const a of again) {
      expect(a.status).toBe(200);
      expect(a.json.outcome).toMatchObject({ result: "checked_in", replayed: true });
    }
    expect(await admissionCounts()).toEqual(before);
    // The same clientId for another scan (an unknown code, another session, another device) is refused: it never
    // gets the first scan's green answer, and nothing is written.
    const other = await createSessionFixture();
    const reused = await Promise.all([
      apiCheckIn({ ...body, secret: "TT1:AAAAAAAAAAAAAAAAAAAAAAAA" }, door.cookie),
      apiCheckIn({ ...body, sessionId: other.session.id }, door.cookie),
      apiCheckIn({ ...body, deviceId: "Gate B" }, door.cookie),
    ]);
    expect(reused.map((r) => [r.status, r.json.error?.code])).toEqual(Array(3).fill([409, "idempotency_key_reused"]));
    // The OpenAPI document's 409 admits this error as well as the check-in outcomes a 409 also answers.
    const conflict = responseSchema("/api/v1/check-ins", "POST", 409)!;
    for (const r of reused) expect(conflict.safeParse(r.json).success).toBe(true);
    expect(await admissionCounts()).toEqual(before);
  });

  it("a replayed clientId answers with the first scan's staff member, whoever sends it again", async () => {
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id, { attendees: two });
    const [ann, bo] = await ticketsOf(booking.id);
    const body = { secret: ann.qr, sessionId: session.id, deviceId: "Gate A", clientId: randomUUID() };
    const first = await apiCheckIn(body, door.cookie);
    expect(first.status).toBe(201);
    expect(first.json.outcome.checkIn.staffName).toBe(door.user.name);
    const replayed = await apiCheckIn(body, admin.cookie);
    expect(replayed.status).toBe(200);
    expect(replayed.json.outcome).toMatchObject({ replayed: true, checkIn: { staffName: door.user.name } });
    expect(replayed.json.outcome.checkIn).toEqual(first.json.outcome.checkIn);

    // A scan made with an API key: its replay (with the key, or by someone signed in) names who the first answer named.
    const { key } = await createApiKey(db(), { id: admin.user.id, email: admin.user.email }, { name: "Turnstiles", scopes: ["checkin:write"] });
    const byKey = { secret: bo.qr, sessionId: session.id, deviceId: "Turnstile 1", clientId: randomUUID() };
    const keyed = await apiCheckIn(byKey, undefined, key);
    expect(keyed.status).toBe(201);
    for (const again of [await apiCheckIn(byKey, undefined, key), await apiCheckIn(byKey, door.cookie)]) {
      expect(again.status).toBe(200);
      expect(again.json.outcome.checkIn).toEqual(keyed.json.outcome.checkIn);
    }
  });

  it("a refunded place's ticket is refused as refunded; the other place still gets in", async () => {
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id, { attendees: two });
    const [ann, bo] = await ticketsOf(booking.id);
    await refundBooking(db(), { bookingId: booking.id, attendeeIds: [bo.attendeeId], amount: 12_000, reason: "Cannot come" }, { id: admin.user.id, email: admin.user.email });
    const before = await admissionCounts();
    const refused = await apiCheckIn({ secret: bo.qr, sessionId: session.id, deviceId: "Door 1" }, door.cookie);
    expect(refused.status).toBe(410);
    expect(refused.json.outcome).toMatchObject({ result: "refunded", tone: "red", title: "Refunded" });
    const after = await admissionCounts();
    expect(after.check_ins).toBe(before.check_ins);
    expect(after.scans).toBe(before.scans + 1);
    expect((await apiCheckIn({ secret: ann.qr, sessionId: session.id, deviceId: "Door 1" }, door.cookie)).status).toBe(201);
  });

  it("reissuing a lost ticket voids the old secret (revoked) and the new one gets in", async () => {
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id);
    const [old] = await ticketsOf(booking.id);
    await reissueTicket(db(), { attendeeId: old.attendeeId }, { id: admin.user.id, email: admin.user.email });
    const [fresh] = await ticketsOf(booking.id);
    expect(fresh.version).toBe(2);
    expect(fresh.qr).not.toBe(old.qr);
    const revoked = await apiCheckIn({ secret: old.qr, sessionId: session.id, deviceId: "Door 1" }, door.cookie);
    expect(revoked.status).toBe(410);
    expect(revoked.json.outcome).toMatchObject({ result: "revoked", title: "Revoked ticket" });
    expect((await apiCheckIn({ secret: fresh.qr, sessionId: session.id, deviceId: "Door 1" }, door.cookie)).status).toBe(201);
  });

  it("unknown, malformed, other-session, cancelled and already-used tickets each get their own answer; only scans are written", async () => {
    const { session } = await createSessionFixture();
    const other = await createSessionFixture();
    const booking = await createPaidBooking(session.id, { attendees: two });
    const elsewhere = await createPaidBooking(other.session.id);
    const [ann] = await ticketsOf(booking.id);
    const [away] = await ticketsOf(elsewhere.id);
    const cancelled = await createSessionFixture();
    const cancelledBooking = await createPaidBooking(cancelled.session.id);
    const [gone] = await ticketsOf(cancelledBooking.id);
    await cancelSession(db(), { id: admin.user.id, email: admin.user.email, name: null, role: "admin" }, { id: cancelled.session.id, reason: "Venue flooded" });

    await apiCheckIn({ secret: ann.qr, sessionId: session.id, deviceId: "Door 1" }, door.cookie);
    const beforeRows = await rowCounts();
    const before = await admissionCounts();
    const ask = (secret: string, sessionId = session.id) => apiCheckIn({ secret, sessionId, deviceId: "Door 2" }, door.cookie);
    const answers = {
      unknown: await ask("TT1:AAAAAAAAAAAAAAAAAAAAAAAA"),
      malformed: await ask("https://example.com/not-a-ticket"),
      wrongSession: await ask(away.qr),
      cancelled: await ask(gone.qr, cancelled.session.id),
      used: await ask(ann.qr),
    };
    expect(Object.values(answers).map((a) => [a.status, a.json.outcome.result])).toEqual([
      [404, "unknown"], [422, "malformed"], [409, "wrong_session"], [410, "cancelled"], [409, "already_checked_in"],
    ]);
    expect(new Set(Object.values(answers).map((a) => a.json.outcome.title)).size).toBe(5);
    expect(answers.wrongSession.json.outcome.title).toBe("Not valid for this session");
    // The holder is told which session the ticket is for, at that session's own time and zone.
    const when = `${formatDate(other.session.startsAt, other.venue.timeZone)}, ${formatTime(other.session.startsAt, other.venue.timeZone)}`;
    expect(answers.wrongSession.json.outcome.detail).toMatch(new RegExp(`\\(booking ${elsewhere.reference}\\) is booked on ${other.course.title}, ${when}\\.$`));
    const after = await admissionCounts();
    expect(after.check_ins).toBe(before.check_ins);
    expect(after.scans).toBe(before.scans + 5);
    expect(await rowCounts()).toEqual(beforeRows);
  });

  it("bad requests write nothing: no staff 401, wrong role 403, invalid body 400, unknown session 404", async () => {
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id);
    const [t] = await ticketsOf(booking.id);
    const finance = await staffCookie("finance");
    const before = await admissionCounts();
    const body = { secret: t.qr, sessionId: session.id, deviceId: "Door 1" };
    expect((await apiCheckIn(body)).status).toBe(401);
    expect((await apiCheckIn(body, finance.cookie)).status).toBe(403);
    const invalid = await apiCheckIn({ secret: t.qr, sessionId: "nope", deviceId: "" }, door.cookie);
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.json.error.fields).sort()).toEqual(["deviceId", "sessionId"]);
    expect((await apiCheckIn("{not json", door.cookie)).status).toBe(400);
    expect((await apiCheckIn({ ...body, sessionId: randomUUID() }, door.cookie)).status).toBe(404);
    expect(await admissionCounts()).toEqual(before);
  });

  it("an undo frees the ticket and is recorded; undoing twice is a conflict", async () => {
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id);
    const [t] = await ticketsOf(booking.id);
    const first = await apiCheckIn({ secret: t.qr, sessionId: session.id, deviceId: "Door 1" }, door.cookie);
    const checkInId = first.json.outcome.checkIn.id;
    const undone = await undo({ sessionId: session.id, deviceId: "Door 1", checkInId }, door.cookie);
    expect(undone.status).toBe(200);
    expect(undone.json.outcome.result).toBe("undone");
    expect((await undo({ sessionId: session.id, deviceId: "Door 1", checkInId }, door.cookie)).status).toBe(409);
    const [row] = await db().select().from(checkIns).where(eq(checkIns.id, checkInId));
    expect(row.undoneBy).toBe(door.user.id);
    expect((await apiCheckIn({ secret: t.qr, sessionId: session.id, deviceId: "Door 2" }, door.cookie)).status).toBe(201);
    const undoScans = await db().select().from(ticketScans).where(and(eq(ticketScans.ticketId, t.id), eq(ticketScans.action, "undo")));
    expect(undoScans).toHaveLength(1);
  });
});

describe("offline doors", () => {
  it("the manifest holds hashes, never secrets, and what the door shows", async () => {
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id, {
      attendees: [{ firstName: "Cara", lastName: "Nut", requirements: [{ code: "allergy_severe", details: "peanuts" }] }],
    });
    const [t] = await ticketsOf(booking.id);
    const res = await manifest(session.id, door.cookie);
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.json);
    expect(text).not.toContain(t.qr.slice(4));
    expect(res.json.tickets).toEqual([expect.objectContaining({
      id: t.id, hash: t.secretHash, name: "Cara Nut", reference: booking.reference, voidReason: null, checkIn: null,
      critical: [expect.stringContaining("peanuts")],
    })]);
    expect((await manifest(session.id)).status).toBe(401);
  });

  it("queued check-ins sync once, and the same ticket let in offline at two doors is reported as a conflict", async () => {
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id, { attendees: two });
    const [ann, bo] = await ticketsOf(booking.id);
    const t0 = Date.now() - 60_000;
    const doorA = [
      { clientId: randomUUID(), action: "check_in", code: ann.qr, scannedAt: new Date(t0).toISOString(), localResult: "checked_in" },
      { clientId: randomUUID(), action: "check_in", ticketId: bo.id, scannedAt: new Date(t0 + 1000).toISOString(), localResult: "checked_in" },
    ];
    const doorB = [{ clientId: randomUUID(), action: "check_in", code: ann.qr, scannedAt: new Date(t0 + 5000).toISOString(), localResult: "checked_in" }];

    const a = await syncScans({ sessionId: session.id, deviceId: "Door A", items: doorA }, door.cookie);
    expect(a.status).toBe(200);
    expect(a.json.results.map((r: { result: string }) => r.result)).toEqual(["checked_in", "checked_in"]);
    expect(a.json.conflicts).toBe(0);
    const [annIn] = await db().select().from(checkIns).where(eq(checkIns.ticketId, ann.id));
    expect(annIn.checkedInAt.getTime()).toBe(t0);

    const b = await syncScans({ sessionId: session.id, deviceId: "Door B", items: doorB }, door.cookie);
    expect(b.json.conflicts).toBe(1);
    expect(b.json.results[0]).toMatchObject({ result: "already_checked_in", conflict: true, checkIn: { deviceId: "Door A" } });

    const before = await admissionCounts();
    const again = await syncScans({ sessionId: session.id, deviceId: "Door A", items: doorA }, door.cookie);
    expect(again.json.results.every((r: { replayed: boolean; result: string }) => r.replayed && r.result === "checked_in")).toBe(true);
    expect(await admissionCounts()).toEqual(before);
    const active = await db().select({ n: sql<number>`count(*)::int` }).from(checkIns).where(eq(checkIns.sessionId, session.id));
    expect(active[0].n).toBe(2);
  });
});

describe("check-out", () => {
  it("records who collected an attendee where the session asks for it, and is refused where it does not", async () => {
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id);
    const [t] = await ticketsOf(booking.id);
    const { POST } = await import("@/app/api/admin/check-in/scan/route");
    const scan = (body: Record<string, unknown>) => POST(new Request("http://localhost:3000/api/admin/check-in/scan", {
      method: "POST", headers: { "content-type": "application/json", cookie: door.cookie }, body: JSON.stringify({ sessionId: session.id, deviceId: "Desk", ...body }),
    }), { params: Promise.resolve({}) }).then(async (r) => ({ status: r.status, json: await r.json() }));

    expect((await scan({ ticketId: t.id, action: "check_out" })).json.outcome.result).toBe("check_out_not_offered");
    await db().update(courseSessions).set({ checkOutRequired: true }).where(eq(courseSessions.id, session.id));
    expect((await scan({ ticketId: t.id, action: "check_out" })).json.outcome.result).toBe("not_checked_in");
    expect((await scan({ ticketId: t.id, method: "manual" })).status).toBe(201);
    const out = await scan({ ticketId: t.id, action: "check_out", collectedBy: "Dana (mother)" });
    expect(out.status).toBe(200);
    expect(out.json.outcome).toMatchObject({ result: "checked_out", checkIn: { collectedBy: "Dana (mother)" } });
    expect(out.json.outcome.detail).toMatch(/^Collected by Dana \(mother\) at \d\d:\d\d$/);
    expect((await scan({ ticketId: t.id, action: "check_out" })).json.outcome.result).toBe("already_checked_out");
    const bad = await scan({ code: t.qr, ticketId: t.id });
    expect(bad.status).toBe(400);
  });
});


describe("tickets by email and for the customer", () => {
  const mail = receiveMailForTests();
  const pages = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;

  it("the booker's confirmation carries every ticket, one per page; each attendee's email only their own", async () => {
    await clearJobs();
    const { session } = await createSessionFixture();
    const booker = uniqueEmail("tickets-booker");
    const sam = uniqueEmail("sam");
    const booking = await createPaidBooking(session.id, {
      contact: { name: "Pat Booker", email: booker },
      attendees: [{ firstName: "Sam", lastName: "Lee", email: sam }, { firstName: "Noel", lastName: "Noemail" }, { firstName: "Ola", lastName: "Three" }],
    });
    await runJobs();
    const confirmation = mail.to(booker).find((m) => m.subject?.startsWith("Booking confirmed"))!;
    const all = confirmation.attachments.find((a) => a.filename === `tickets-${booking.reference}.pdf`)!;
    expect(pages(all.content)).toBe(3);
    const own = mail.to(sam)[0].attachments.find((a) => a.filename?.startsWith("ticket-"))!;
    expect(pages(own.content)).toBe(1);
  });

  it("GET tickets.pdf and qr behind the booking's token; anything else 404", async () => {
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id, { attendees: two });
    const token = bookingAccessToken(booking.id);
    const { GET: pdfRoute } = await import("@/app/api/v1/bookings/[reference]/tickets.pdf/route");
    const { GET: qrRoute } = await import("@/app/api/v1/bookings/[reference]/qr/route");
    const call = (route: typeof pdfRoute, path: string, headers: Record<string, string> = {}) =>
      route(new Request(`http://localhost:3000${path}`, { headers }), { params: Promise.resolve({ reference: booking.reference }) });
    const pdf = await call(pdfRoute, `/api/v1/bookings/${booking.reference}/tickets.pdf`, { authorization: `Bearer ${token}` });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pages(Buffer.from(await pdf.arrayBuffer()))).toBe(2);
    expect((await call(pdfRoute, `/api/v1/bookings/${booking.reference}/tickets.pdf`, { authorization: "Bearer wrong" })).status).toBe(404);
    const list = await call(qrRoute, `/api/v1/bookings/${booking.reference}/qr?token=${token}`);
    const json = await list.json();
    expect(json.tickets.map((t: { attendee: string }) => t.attendee)).toEqual(["Ann One", "Bo Two"]);
    expect(json.tickets[0].svg).toMatch(/^<svg/);
    const png = await call(qrRoute, `/api/v1/bookings/${booking.reference}/qr?position=2&token=${token}`);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect((await call(qrRoute, `/api/v1/bookings/${booking.reference}/qr`)).status).toBe(404);
  });
});

describe("arrivals", () => {
  it("counts arrived / expected without void tickets and lists arrivals as CSV for door and admin staff", async () => {
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id, { attendees: [...two, { firstName: "Cy", lastName: "Three" }] });
    const [ann, bo, cy] = await ticketsOf(booking.id);
    await refundBooking(db(), { bookingId: booking.id, attendeeIds: [cy.attendeeId], amount: 12_000, reason: "Cannot come" }, { id: admin.user.id, email: admin.user.email });
    await apiCheckIn({ secret: ann.qr, sessionId: session.id, deviceId: "Door 1" }, door.cookie);
    const { sessionArrivals } = await import("@/lib/check-in/arrivals");
    expect(await sessionArrivals(db(), session.id)).toMatchObject({ arrived: 1, expected: 2, notArrived: [{ name: "Bo Two" }] });
    const { GET } = await import("@/app/admin/check-in/arrivals/route");
    const get = (cookie?: string) => GET(new Request(`http://localhost:3000/admin/check-in/arrivals?session=${session.id}`, { headers: cookie ? { cookie } : {} }), { params: Promise.resolve({}) });
    const res = await get(door.cookie);
    expect(res.status).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.startsWith("Ann One"))).toMatch(/,yes,.*Door 1/);
    expect(lines.find((l) => l.startsWith("Bo Two"))).toContain(",no,");
    expect((await get()).status).toBe(401);
    expect((await get((await staffCookie("finance")).cookie)).status).toBe(403);
    void bo;
  });
});

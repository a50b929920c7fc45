// Answers to custom questions where staff and bookers read them: the requirements dashboard per slot day
// (sensitive answers only for those who see needs), and the booker's confirmation email (sensitive answers
// confirmed as given, never repeated).
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { calendarDayText } from "@/lib/slots/span";
import { courseQuestions, emailMessages } from "@/db/schema";
import RequirementsPage from "@/app/admin/requirements/page";
import { seesSensitiveAnswers } from "@/lib/requirements/dashboard";
import { loadDashboard } from "@/lib/requirements/load-dashboard";
import { warmPdfPool } from "@/lib/pdf/render-pool";
import { checkoutEvent, db, getBooking, postWebhook } from "../fixtures";
import { clearJobs, runJobs } from "../finance-fixtures";
import { actAs, nextInterrupt, staffSession } from "../next-request";
import { at, createSlotOfferingFixture, futureDate, postSlotBooking, slotDayOf } from "../slot-fixtures";

// forbidden() answers 403 as it does in the app (next.config.ts turns on authInterrupts).
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));

beforeAll(warmPdfPool);
beforeEach(clearJobs);

async function childcare() {
  const f = await createSlotOfferingFixture({ minAgeYears: 2, maxAgeYears: 11 });
  const [dob, collect, notes, photos] = await db().insert(courseQuestions).values([
    { courseId: f.course.id, kind: "date_of_birth", scope: "per_attendee", label: "Date of birth", required: true, sensitive: true, sortOrder: 1 },
    { courseId: f.course.id, kind: "short_text", scope: "per_attendee", label: "Who may collect", required: true, sensitive: true, sortOrder: 2 },
    { courseId: f.course.id, kind: "long_text", scope: "per_attendee", label: "Special instructions", required: false, sortOrder: 3 },
    { courseId: f.course.id, kind: "yes_no", scope: "per_booking", label: "Photos allowed", required: true, sortOrder: 4 },
  ]).returning();
  const date = futureDate(f.venue.timeZone);
  const dobOf = (years: number) => DateTime.fromISO(date).minus({ years, days: 3 }).toISODate()!;
  const book = async (first: string, from: string, to: string, pay: boolean) => {
    const res = await postSlotBooking(f.course.id, at(date, from), at(date, to), 1, {
      attendees: [{ firstName: first, lastName: "Osei", requirements: [] }],
      answers: { booking: { [photos.id]: "no" }, attendees: [{ [dob.id]: dobOf(5), [collect.id]: "Ama Osei", [notes.id]: `${first} naps after lunch` }] },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const booking = (await getBooking(res.json.bookingId))!;
    if (pay) expect((await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking)))).status).toBe(200);
    return booking;
  };
  const paid = await book("Kwame", "09:00", "12:00", true);
  const unpaid = await book("Efua", "13:00", "15:00", false);
  const day = (await slotDayOf(f.course.id, date))!;
  return { ...f, date, paid, unpaid, day, fiveYearsOld: dobOf(5) };
}

describe("answers on the requirements dashboard", () => {
  it("lists each child's answers and the booking's on the slot day, with the span, for confirmed bookings only", async () => {
    const { day, paid, fiveYearsOld } = await childcare();
    const dashboard = await loadDashboard(db(), { session: day.id }, new Date(), { includeSensitive: true });
    const [session] = dashboard.sessions;
    expect(session.id).toBe(day.id);
    expect(session.answers.map((g) => ({ ...g, span: g.span && [g.span.startsAt.toISOString(), g.span.endsAt.toISOString()] }))).toEqual([
      {
        key: expect.any(String), reference: paid.reference, who: "Kwame Osei", span: [paid.spanStartsAt!.toISOString(), paid.spanEndsAt!.toISOString()],
        items: [
          { label: "Date of birth", text: calendarDayText(fiveYearsOld), sensitive: true },
          { label: "Who may collect", text: "Ama Osei", sensitive: true },
          { label: "Special instructions", text: "Kwame naps after lunch", sensitive: false },
        ],
      },
      {
        key: expect.any(String), reference: paid.reference, who: "Whole booking", span: expect.any(Array),
        items: [{ label: "Photos allowed", text: "No", sensitive: false }],
      },
    ]);
  });

  it("leaves sensitive answers out for a viewer who does not see needs, and reads none for the exports", async () => {
    const { day } = await childcare();
    const limited = await loadDashboard(db(), { session: day.id }, new Date(), { includeSensitive: false });
    expect(limited.sessions[0].answers.flatMap((g) => g.items)).toEqual([
      { label: "Special instructions", text: "Kwame naps after lunch", sensitive: false },
      { label: "Photos allowed", text: "No", sensitive: false },
    ]);
    const exported = await loadDashboard(db(), { session: day.id });
    expect(exported.sessions[0].answers).toEqual([]);
    expect(seesSensitiveAnswers("admin")).toBe(true);
    expect(seesSensitiveAnswers("finance")).toBe(false);
    expect(seesSensitiveAnswers("door")).toBe(false);
  });

  it("is refused to finance and door staff, and rendered for admins", async () => {
    const { day } = await childcare();
    const call = () => RequirementsPage({ searchParams: Promise.resolve({ session: day.id }) });
    for (const role of ["finance", "door"] as const) {
      actAs(await staffSession(role), "/admin/requirements");
      const outcome = await call().then(() => "rendered", (err) => nextInterrupt(err) ?? String(err));
      expect(outcome, role).toMatchObject({ kind: "status", status: 403 });
    }
    actAs(await staffSession("admin"), "/admin/requirements");
    await expect(call()).resolves.toBeTruthy();
  });
});

describe("answers in the booker's confirmation email", () => {
  it("shows the answers given and confirms sensitive ones without repeating them", async () => {
    const { paid, fiveYearsOld } = await childcare();
    await runJobs();
    const [mail] = await db().select().from(emailMessages)
      .where(and(eq(emailMessages.bookingId, paid.id), eq(emailMessages.kind, "booking-confirmed")));
    expect(mail, "confirmation sent").toBeTruthy();
    const text = mail.text!;
    expect(text).toContain("Special instructions: Kwame naps after lunch");
    expect(text).toContain("Photos allowed: No");
    expect(text).toContain("Date of birth: answered (kept for staff only)");
    expect(text).toContain("Who may collect: answered (kept for staff only)");
    expect(text).not.toContain(fiveYearsOld);
    expect(text).not.toContain("Ama Osei");
    expect(mail.html).not.toContain(fiveYearsOld);
  });
});

// Moving a deposit booking to another date (My bookings): where the new session would take no deposit today (its
// balance date has passed, or its tickets take none), the balance is due with the move, never on a past day; the
// move form says so before the customer confirms, the checkout for it follows, and the booking page and the change
// email read "due now". Elsewhere the balance keeps the new session's usual date, as before.
import { isValidElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { courseSessions, emailMessages, ticketTypes } from "@/db/schema";
import ChangeBookingPage from "@/app/(shop)/my-bookings/[reference]/page";
import BookingPage from "@/app/(shop)/bookings/[reference]/page";
import { MoveForm, type MoveChoice } from "@/components/customer/forms";
import { BookingHistory } from "@/components/customer/booking-history";
import { changeBooking } from "@/lib/booking/change-booking";
import { composeEmails } from "@/lib/email/compose";
import { amountOwed } from "@/lib/booking/balance";
import { balanceDueAt } from "@/lib/booking/pricing";
import { bookingAccessToken } from "@/lib/booking/reference";
import { env } from "@/lib/env";
import { warmPdfPool } from "@/lib/pdf/render-pool";
import { createSessionFixture, db, getBooking } from "../fixtures";
import { clearJobs, createPaidBooking, runJobs, uniqueEmail } from "../finance-fixtures";
import { pageText } from "../next-request";
import { actAsCustomer } from "../customer-session";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));

beforeAll(warmPdfPool);
beforeEach(clearJobs);

const DAY_MS = 86_400_000;

/** A course at £100 with a £30 deposit, a session in 30 days and a deposit booking on it (£70 still owed). */
async function depositBooking(label: string) {
  const f = await createSessionFixture({ priceAmount: 10_000, depositAmount: 3_000, startsInDays: 30 });
  const email = uniqueEmail(label);
  const b = await createPaidBooking(f.session.id, { contact: { email }, paymentOption: "deposit" });
  expect(amountOwed(b)).toBe(7_000);
  return { f, email, b };
}

/** Another session of the course; with `ownType`, it sells its own Standard type at the same price and no deposit. */
async function laterSession(f: Awaited<ReturnType<typeof createSessionFixture>>, inDays: number, o: { ownType?: boolean } = {}) {
  const startsAt = new Date(Date.now() + inDays * DAY_MS);
  const [session] = await db().insert(courseSessions).values({
    courseId: f.course.id, venueId: f.venue.id, startsAt, endsAt: new Date(startsAt.getTime() + 6 * 3_600_000), capacity: 12,
  }).returning();
  if (o.ownType) await db().insert(ticketTypes).values({ courseId: f.course.id, sessionId: session.id, name: "Standard", priceAmount: 10_000, depositAmount: null });
  return session;
}


/** The move form's choices and the change page's own text (client forms left out), as the customer sees them. */
async function movePage(reference: string) {
  const tree = await ChangeBookingPage({ params: Promise.resolve({ reference }) });
  let choices: MoveChoice[] = [];
  let owedText: string | undefined;
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (!isValidElement(node)) return node;
    if (node.type === MoveForm) ({ sessions: choices, owedText } = node.props as Parameters<typeof MoveForm>[0]);
    if (typeof node.type === "function" && node.type !== BookingHistory) return null;
    const props = node.props as { children?: unknown };
    return { ...node, props: { ...props, children: strip(props.children) } };
  };
  const text = renderToStaticMarkup(strip(tree) as ReactElement).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
  return { choices, owedText, text };
}

async function bookingPageText(b: { id: string; reference: string }) {
  return pageText(await BookingPage({ params: Promise.resolve({ reference: b.reference }), searchParams: Promise.resolve({ token: bookingAccessToken(b.id) }) }));
}

async function changeEmailTo(bookingId: string, to: string) {
  await runJobs();
  const [mail] = await db().select().from(emailMessages)
    .where(and(eq(emailMessages.bookingId, bookingId), eq(emailMessages.kind, "booking-changed"), eq(emailMessages.toAddress, to)));
  return mail;
}

describe("moving a deposit booking to a date whose balance date has passed", () => {
  it("warns before the move, makes the balance due at the move (not a past day), opens its checkout, and reads 'due now'", async () => {
    const { f, email, b } = await depositBooking("move-due-now");
    // Its balance date (14 days before) is already behind us: booked directly, it would take no deposit.
    const soon = await laterSession(f, 10);
    const roomy = await laterSession(f, 60);

    await actAsCustomer(email);
    const before = await movePage(b.reference);
    expect(before.choices.map((c) => [c.id, c.balanceDueNow])).toEqual([[soon.id, true], [roomy.id, false]]);
    expect(before.choices.find((c) => c.id === soon.id)!.label).toMatch(/, balance due at once$/);
    expect(before.owedText).toBe("£70.00");
    expect(before.text).toContain("On a date marked “balance due at once” the £70.00 still owed on this booking falls due as soon as you move, and we take you straight to the checkout to pay it.");

    const now = new Date();
    expect(balanceDueAt(soon.startsAt, env().BALANCE_DUE_DAYS).getTime()).toBeLessThan(now.getTime());
    const result = await changeBooking(db(), { bookingId: b.id, actor: { kind: "booker", email }, change: { sessionId: soon.id }, now });
    expect(result).toMatchObject({ amountOwed: 7_000, refunded: 0, priceChange: 0 });
    expect(result.checkoutUrl).toMatch(/^http/);

    const moved = (await getBooking(b.id))!;
    expect(moved.sessionId).toBe(soon.id);
    expect(moved.balanceDueAt!.getTime()).toBeGreaterThanOrEqual(now.getTime());
    expect(moved.balanceDueAt!.getTime()).toBe(now.getTime());

    const page = await bookingPageText(moved);
    expect(page).toContain("£70.00 is due now.");
    expect(page).not.toMatch(/is due by/);

    const mail = await changeEmailTo(b.id, email);
    expect(mail.text).toContain("£70.00, due now");
    expect(mail.text).not.toMatch(/due by/);

    // A reminder queued for the old date, sent after the move, says the same.
    const [reminder] = await composeEmails(db(), { kind: "balance-reminder", bookingId: b.id });
    expect(reminder.subject).toBe(`Balance of £70.00 due now (${b.reference})`);
    expect(renderToStaticMarkup(reminder.body as ReactElement)).toContain("<strong>due now</strong>");
  });

  it("a session whose tickets take no deposit: the balance is due at the move too", async () => {
    const { f, email, b } = await depositBooking("move-no-deposit");
    const noDeposit = await laterSession(f, 60, { ownType: true });
    await actAsCustomer(email);
    expect((await movePage(b.reference)).choices).toEqual([expect.objectContaining({ id: noDeposit.id, balanceDueNow: true })]);

    const now = new Date();
    const result = await changeBooking(db(), { bookingId: b.id, actor: { kind: "booker", email }, change: { sessionId: noDeposit.id }, now });
    expect(result.checkoutUrl).toMatch(/^http/);
    expect((await getBooking(b.id))!.balanceDueAt).toEqual(now);
  });
});

describe("moving a deposit booking to a date that still takes a deposit", () => {
  it("keeps the new session's usual balance date, with no warning and no checkout (the balance is paid by its date)", async () => {
    const { f, email, b } = await depositBooking("move-due-later");
    const later = await laterSession(f, 60);
    await actAsCustomer(email);
    const before = await movePage(b.reference);
    expect(before.choices).toEqual([expect.objectContaining({ id: later.id, balanceDueNow: false })]);
    expect(before.choices[0].label).not.toContain("balance due at once");
    expect(before.text).not.toContain("balance due at once");

    const now = new Date();
    const result = await changeBooking(db(), { bookingId: b.id, actor: { kind: "booker", email }, change: { sessionId: later.id }, now });
    expect(result).toMatchObject({ amountOwed: 7_000, checkoutUrl: null });
    const moved = (await getBooking(b.id))!;
    expect(moved.balanceDueAt).toEqual(balanceDueAt(later.startsAt, env().BALANCE_DUE_DAYS));
    expect(await bookingPageText(moved)).toMatch(/£70\.00 is due by \w{3}, \d{1,2} \w{3} \d{4}\./);
    expect((await changeEmailTo(b.id, email)).text).toMatch(/£70\.00, due by \w{3}, \d{1,2} \w{3} \d{4}/);
  });
});

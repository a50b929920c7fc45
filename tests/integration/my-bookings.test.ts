// "My bookings": the emailed sign-in link (one use, short-lived, rate limited, the same answer for every
// address), the customer session it opens, and which bookings a customer sees (booker: all; attendee: own place).
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { bookingAttendees, customerSessions, customerSignInTokens, emailMessages } from "@/db/schema";
import { listMyBookings, myBooking } from "@/lib/customer/my-bookings";
import { customerForSessionToken, endCustomerSession, requestCustomerSignIn, signInWithLink } from "@/lib/customer/sign-in";
import { AppError } from "@/lib/errors";
import { cancelBookingByCustomer } from "@/lib/self-service/cancel-booking";
import { env } from "@/lib/env";
import { createSessionFixture, db } from "../fixtures";
import { createPaidBooking, uniqueEmail } from "../finance-fixtures";

const ip = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

async function linkTokenSentTo(email: string): Promise<string> {
  const mails = await db().select().from(emailMessages).where(and(eq(emailMessages.toAddress, email), eq(emailMessages.kind, "customer_sign_in")));
  const last = mails.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  const url = new URL(last.text!.match(/https?:\/\/\S+/)![0]);
  expect(url.pathname).toBe("/my-bookings/sign-in");
  return url.searchParams.get("token")!;
}

async function codeOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, status: err.status };
    throw err;
  }
  return null;
}

describe("the my-bookings sign-in link", () => {
  it("signs in once: the link opens a session, a second use is refused and writes nothing", async () => {
    const email = uniqueEmail("once").toLowerCase();
    await requestCustomerSignIn(db(), { email: email.toUpperCase(), ip: ip() });
    const token = await linkTokenSentTo(email);
    // Only a hash is stored.
    const stored = await db().select().from(customerSignInTokens).where(eq(customerSignInTokens.email, email));
    expect(stored).toHaveLength(1);
    expect(stored[0].tokenHash).not.toContain(token);

    const session = await signInWithLink(db(), token);
    expect(session.email).toBe(email);
    expect(await customerForSessionToken(db(), session.sessionToken)).toMatchObject({ email });

    const sessionsBefore = await db().select().from(customerSessions).where(eq(customerSessions.email, email));
    expect(await codeOf(signInWithLink(db(), token))).toEqual({ code: "link_invalid", status: 410 });
    expect(await codeOf(signInWithLink(db(), "not-a-real-token"))).toEqual({ code: "link_invalid", status: 410 });
    expect(await db().select().from(customerSessions).where(eq(customerSessions.email, email))).toHaveLength(sessionsBefore.length);
  });

  it("two tabs using one link at once get one session", async () => {
    const email = uniqueEmail("race").toLowerCase();
    await requestCustomerSignIn(db(), { email, ip: ip() });
    const token = await linkTokenSentTo(email);
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => signInWithLink(db(), token)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().select().from(customerSessions).where(eq(customerSessions.email, email))).toHaveLength(1);
  });

  it("expires after MAGIC_LINK_MINUTES", async () => {
    const email = uniqueEmail("late").toLowerCase();
    const asked = new Date();
    await requestCustomerSignIn(db(), { email, ip: ip(), now: asked });
    const token = await linkTokenSentTo(email);
    const late = new Date(asked.getTime() + env().MAGIC_LINK_MINUTES * 60_000 + 1000);
    expect(await codeOf(signInWithLink(db(), token, late))).toEqual({ code: "link_invalid", status: 410 });
    expect(await db().select().from(customerSessions).where(eq(customerSessions.email, email))).toHaveLength(0);
    // Still valid just before.
    await expect(signInWithLink(db(), token, new Date(asked.getTime() + 60_000))).resolves.toMatchObject({ email });
  });

  it("is rate limited per email and per IP address, with a 429", async () => {
    const email = uniqueEmail("many").toLowerCase();
    const { SIGNIN_LIMIT_PER_EMAIL, SIGNIN_LIMIT_PER_IP } = env();
    for (let i = 0; i < SIGNIN_LIMIT_PER_EMAIL; i++) await requestCustomerSignIn(db(), { email, ip: ip() });
    expect(await codeOf(requestCustomerSignIn(db(), { email, ip: ip() }))).toEqual({ code: "rate_limited", status: 429 });
    const mails = await db().select().from(emailMessages).where(eq(emailMessages.toAddress, email));
    expect(mails).toHaveLength(SIGNIN_LIMIT_PER_EMAIL);

    const oneIp = ip();
    for (let i = 0; i < SIGNIN_LIMIT_PER_IP; i++) await requestCustomerSignIn(db(), { email: uniqueEmail("probe"), ip: oneIp });
    expect(await codeOf(requestCustomerSignIn(db(), { email: uniqueEmail("probe"), ip: oneIp }))).toEqual({ code: "rate_limited", status: 429 });
  });

  it("answers the same whether or not the address has bookings", async () => {
    const { session } = await createSessionFixture();
    const booker = uniqueEmail("has").toLowerCase();
    await createPaidBooking(session.id, { contact: { email: booker } });
    const nobody = uniqueEmail("none").toLowerCase();
    // Both resolve with nothing to tell them apart, and both get a link.
    await expect(requestCustomerSignIn(db(), { email: booker, ip: ip() })).resolves.toBeUndefined();
    await expect(requestCustomerSignIn(db(), { email: nobody, ip: ip() })).resolves.toBeUndefined();
    const [a] = await db().select().from(emailMessages).where(eq(emailMessages.toAddress, booker)).then((r) => r.filter((m) => m.kind === "customer_sign_in"));
    const [b] = await db().select().from(emailMessages).where(eq(emailMessages.toAddress, nobody));
    expect(a.subject).toBe(b.subject);
    expect(a.text!.replace(/token=\S+/, "")).toBe(b.text!.replace(/token=\S+/, ""));
  });

  it("signing out deletes the session row", async () => {
    const email = uniqueEmail("out").toLowerCase();
    await requestCustomerSignIn(db(), { email, ip: ip() });
    const s = await signInWithLink(db(), await linkTokenSentTo(email));
    await endCustomerSession(db(), s.sessionToken);
    expect(await customerForSessionToken(db(), s.sessionToken)).toBeNull();
    expect(await db().select().from(customerSessions).where(eq(customerSessions.email, email))).toHaveLength(0);
  });
});

describe("the list of my bookings", () => {
  it("shows the booker every booking and place, an attendee only their own place, upcoming first", async () => {
    const soon = await createSessionFixture({ startsInDays: 5 });
    const later = await createSessionFixture({ startsInDays: 40 });
    const booker = uniqueEmail("booker").toLowerCase();
    const attendee = uniqueEmail("attendee").toLowerCase();
    const first = await createPaidBooking(later.session.id, {
      contact: { email: booker },
      attendees: [{ firstName: "Bea", lastName: "Booker" }, { firstName: "Ada", lastName: "Attendee", email: attendee.toUpperCase() }, { firstName: "Cal", lastName: "Other" }],
    });
    const second = await createPaidBooking(soon.session.id, { contact: { email: booker }, attendees: [{ firstName: "Bea", lastName: "Booker" }] });
    const elsewhere = await createPaidBooking(soon.session.id, { contact: { email: uniqueEmail("someone") }, attendees: [{ firstName: "Zed", lastName: "Stranger" }] });

    const mine = await listMyBookings(db(), { email: booker });
    expect(mine.map((b) => b.reference)).toEqual([second.reference, first.reference]);
    expect(mine.every((b) => b.role === "booker" && b.accessToken)).toBe(true);
    expect(mine[1].places.map((p) => p.name)).toEqual(["Bea Booker", "Ada Attendee", "Cal Other"]);
    expect(mine[1].invoiceNumber).toMatch(/^INV-/);

    const theirs = await listMyBookings(db(), { email: attendee });
    expect(theirs).toHaveLength(1);
    expect(theirs[0]).toMatchObject({ reference: first.reference, role: "attendee", accessToken: null, invoiceNumber: null, creditNoteNumbers: [] });
    expect(theirs[0].places.map((p) => p.name)).toEqual(["Ada Attendee"]);

    // One booking at a time: the attendee sees only their place, a stranger nothing.
    const one = await myBooking(db(), { email: attendee }, first.reference);
    expect(one?.role).toBe("attendee");
    expect(one?.detail.attendees.map((a) => a.firstName)).toEqual(["Ada"]);
    expect(await myBooking(db(), { email: attendee }, elsewhere.reference)).toBeNull();
    expect(await myBooking(db(), { email: attendee }, second.reference)).toBeNull();
  });

  it("lists past bookings after upcoming ones", async () => {
    const past = await createSessionFixture({ startsInDays: 20 });
    const future = await createSessionFixture({ startsInDays: 25 });
    const booker = uniqueEmail("history").toLowerCase();
    const old = await createPaidBooking(past.session.id, { contact: { email: booker } });
    const next = await createPaidBooking(future.session.id, { contact: { email: booker } });
    const list = await listMyBookings(db(), { email: booker }, new Date(past.session.startsAt.getTime() + 86_400_000));
    expect(list.map((b) => [b.reference, b.upcoming])).toEqual([[next.reference, true], [old.reference, false]]);
  });

  it("offers changes only while they are open, and not to an attendee whose place was cancelled", async () => {
    const soon = await createSessionFixture({ startsInDays: 1 });
    const later = await createSessionFixture({ startsInDays: 30 });
    const booker = uniqueEmail("cutoff").toLowerCase();
    const attendee = uniqueEmail("dropped").toLowerCase();
    const closed = await createPaidBooking(soon.session.id, { contact: { email: booker } });
    const open = await createPaidBooking(later.session.id, {
      contact: { email: booker }, attendees: [{ firstName: "Bea", lastName: "Booker" }, { firstName: "Jo", lastName: "Dropped", email: attendee }],
    });
    const byReference = async (email: string) => Object.fromEntries((await listMyBookings(db(), { email })).map((b) => [b.reference, b]));

    const mine = await byReference(booker);
    // Within the course's 48 hours before the start: said as the change page says it.
    expect(mine[closed.reference].changeBlocker).toMatch(/^Changes closed on .+, 48 hours before the start\. Please contact us\.$/);
    expect(mine[open.reference].changeBlocker).toBeNull();
    expect((await byReference(attendee))[open.reference].changeBlocker).toBeNull();

    const [jo] = await db().select().from(bookingAttendees).where(and(eq(bookingAttendees.bookingId, open.id), eq(bookingAttendees.firstName, "Jo")));
    await cancelBookingByCustomer(db(), { bookingId: open.id, attendeeIds: [jo.id], idempotencyKey: randomUUID(), channel: "page" });
    expect((await byReference(attendee))[open.reference]).toMatchObject({
      status: "confirmed", places: [{ name: "Jo Dropped", cancelled: true }],
      changeBlocker: "Your place on this booking has been cancelled, so there is nothing to change.",
    });
    // The booker still has a place to change.
    expect((await byReference(booker))[open.reference].changeBlocker).toBeNull();
  });
});

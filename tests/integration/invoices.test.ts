// Invoices: issued with the payment, numbered without gaps under concurrency, frozen, rendered once, and
// downloadable only by the booking's owner (and staff).
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { emailMessages, invoices, payments } from "@/db/schema";
import { GET as customerDocument } from "@/app/(shop)/bookings/[reference]/documents/[number]/route";
import { GET as staffDocument } from "@/app/admin/finance/documents/[number]/route";
import { bookingAccessToken } from "@/lib/booking/reference";
import { env } from "@/lib/env";
import { documentYear } from "@/lib/invoices/numbering";
import { ensureInvoicePdf, sha256Hex, storeInvoicePdfAhead } from "@/lib/invoices/render";
import { openBalanceCheckout } from "@/lib/payments/balance-checkout";
import { signPayload } from "@/lib/payments/simulated-checkout";
import { checkoutEvent, createBookingViaApi, createSessionFixture, db, getBooking, postWebhook, sessionCounters } from "../fixtures";
import {
  clearJobs, createPaidBooking, invoiceOf, jobsFor, payBalance, pdfText, runJobs, staffCookie, uniqueEmail,
} from "../finance-fixtures";
import { warmPdfPool } from "@/lib/pdf/render-pool";

// Start the PDF threads (they compile the documents once) before the first test's clock runs.
beforeAll(warmPdfPool);

const ORIGIN = "http://localhost:3000";
const customerGet = async (reference: string, number: string, token: string | null) => {
  const url = `${ORIGIN}/bookings/${reference}/documents/${number}${token === null ? "" : `?token=${token}`}`;
  return customerDocument(new Request(url), { params: Promise.resolve({ reference, number }) });
};
const staffGet = async (number: string, cookie?: string) =>
  staffDocument(new Request(`${ORIGIN}/admin/finance/documents/${number}`, { headers: cookie ? { cookie } : {} }), { params: Promise.resolve({ number }) });

beforeEach(clearJobs);

describe("issuing", () => {
  it("issues one invoice in the payment's transaction with the booking frozen into it", async () => {
    const { session, course, venue } = await createSessionFixture({ priceAmount: 12_000, depositAmount: 3_000, startsInDays: 40 });
    const booking = await createPaidBooking(session.id, {
      paymentOption: "deposit",
      contact: { name: "Robin Buyer", organisation: "Acme Training Ltd" },
      billing: { line1: "2 High Street", city: "Leeds", postalCode: "LS1 1AA", country: "GB", vatId: "GB123456789" },
      attendees: [{ firstName: "Ann", lastName: "One" }, { firstName: "Bo", lastName: "Two" }, { firstName: "Cy", lastName: "Three" }],
    });
    const inv = (await invoiceOf(booking.id))!;
    const year = documentYear(inv.issuedAt, env().FINANCE_TIME_ZONE);
    expect(inv.number).toBe(`INV-${year}-${String(inv.sequence).padStart(5, "0")}`);
    expect(inv).toMatchObject({
      year, currency: "GBP", totalAmount: 36_000, subtotalAmount: 30_000, taxAmount: 6_000, taxRateBasisPoints: 2000, pricesIncludeTax: true,
      paidAtIssueAmount: 9_000, balanceDueAt: booking.balanceDueAt, supplyDate: session.startsAt,
    });
    expect(inv.buyer).toEqual({
      name: "Robin Buyer", organisation: "Acme Training Ltd", addressLines: ["2 High Street", "Leeds LS1 1AA", "United Kingdom"],
      vatId: "GB123456789", email: booking.contactEmail,
    });
    expect(inv.seller).toMatchObject({ name: env().SELLER_NAME, addressLines: env().SELLER_ADDRESS.split("|") });
    // One line per ticket type and price, naming the attendees it covers.
    expect(inv.lines.map((l) => [l.description, l.unitAmount, l.quantity, l.amount])).toEqual([[course.title, 12_000, 3, 36_000]]);
    expect(inv.lines[0].detail).toContain(venue.name);
    expect(inv.lines[0].detail).toContain("for Ann One, Bo Two, Cy Three");
    expect(inv.paymentsAtIssue).toEqual([expect.objectContaining({ amount: 9_000, description: "Deposit by card" })]);
    // Queued in the same transaction: the PDF render and the emails.
    expect((await jobsFor("invoice.render")).map((j) => j.key)).toEqual([`invoice-render:${inv.id}`]);
    expect((await jobsFor("email.send")).map((j) => j.key)).toEqual(expect.arrayContaining([
      `email:booking-confirmed:${booking.id}`, `email:admin-new-booking:${booking.id}`, `email:balance-reminder:${booking.id}`,
    ]));
  });

  it("issues nothing for a payment that is refunded as a mismatch", async () => {
    const { session } = await createSessionFixture();
    const { booking } = await createBookingViaApi(session.id, 1);
    await postWebhook(JSON.stringify(checkoutEvent("checkout.session.completed", booking, 1)));
    expect(await invoiceOf(booking.id)).toBeNull();
  });

  it("numbers 100 concurrent paid bookings without a gap or a duplicate", async () => {
    const { session } = await createSessionFixture({ capacity: 100 });
    const created = [];
    for (let i = 0; i < 100; i++) created.push((await createBookingViaApi(session.id, 1)).booking);
    const responses = await Promise.all(created.map((b) => {
      const payload = JSON.stringify(checkoutEvent("checkout.session.completed", b));
      return postWebhook(payload, signPayload(payload));
    }));
    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(200));
    // Each payment booked its held place, at the end of its transaction, and none was lost.
    expect(await sessionCounters(session.id)).toMatchObject({ placesHeld: 0, placesBooked: 100 });

    const ours = await db().select({ sequence: invoices.sequence, year: invoices.year }).from(invoices)
      .where(sql`${invoices.bookingId} in ${created.map((b) => b.id)}`);
    expect(ours).toHaveLength(100);
    const sequences = ours.map((r) => r.sequence).sort((a, b) => a - b);
    expect(new Set(sequences).size).toBe(100);
    expect(sequences.at(-1)! - sequences[0]).toBe(99);
    // And the whole year, seeded demo invoices and other tests included, is 1..N.
    const year = ours[0].year;
    const all = (await db().select({ sequence: invoices.sequence }).from(invoices).where(eq(invoices.year, year))).map((r) => r.sequence).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
  });

  it("issues one invoice and sends one confirmation when the same event arrives 20 times", async () => {
    const { session } = await createSessionFixture();
    const { booking } = await createBookingViaApi(session.id, 2, { contact: { name: "Dee Dup", email: uniqueEmail("dup"), phone: "+44 20 7946 0002" } });
    const payload = JSON.stringify(checkoutEvent("checkout.session.completed", booking));
    const signature = signPayload(payload);
    await Promise.all(Array.from({ length: 20 }, () => postWebhook(payload, signature)));
    await runJobs();
    await Promise.all(Array.from({ length: 5 }, () => postWebhook(payload, signature)));
    await runJobs();
    expect(await db().select().from(invoices).where(eq(invoices.bookingId, booking.id))).toHaveLength(1);
    const mails = await db().select().from(emailMessages).where(and(eq(emailMessages.bookingId, booking.id), eq(emailMessages.kind, "booking-confirmed")));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ status: "sent", attempts: 1, toAddress: booking.contactEmail });
  });
});

describe("the PDF", () => {
  it("shows the number, buyer, one line per place, totals and the balance due", async () => {
    const { session, course } = await createSessionFixture({ priceAmount: 12_000, depositAmount: 3_000, startsInDays: 40 });
    const booking = await createPaidBooking(session.id, {
      paymentOption: "deposit",
      contact: { name: "Robin Buyer", organisation: "Acme Training Ltd" },
      billing: { line1: "2 High Street", city: "Leeds", postalCode: "LS1 1AA", country: "GB", vatId: "GB123456789" },
      attendees: [{ firstName: "Łukasz", lastName: "Nowak" }, { firstName: "Zoë", lastName: "Brontë" }, { firstName: "Amara", lastName: "Okafor" }],
    });
    const inv = (await invoiceOf(booking.id))!;
    const stored = (await ensureInvoicePdf(db(), inv.id))!;
    expect(stored.pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(stored.pdf);
    expect(text).toContain("INVOICE");
    expect(text).toContain(inv.number);
    expect(text).toContain(booking.reference);
    for (const s of ["Robin Buyer", "Acme Training Ltd", "2 High Street", "Leeds LS1 1AA", "GB123456789", env().SELLER_NAME]) expect(text).toContain(s);
    const placeLines = text.split("\n").filter((l) => l.includes(course.title) && l.includes("£120.00"));
    expect(placeLines).toHaveLength(1);
    expect(placeLines[0]).toMatch(/\s3\s+£120\.00\s+£360\.00/);
    for (const name of ["Łukasz Nowak", "Zoë Brontë", "Amara Okafor"]) expect(text).toContain(name);
    expect(text).toMatch(/Subtotal \(excl\. VAT\)\s+£300\.00/);
    expect(text).toMatch(/VAT at 20%\s+£60\.00/);
    expect(text).toMatch(/Total\s+£360\.00/);
    expect(text).toMatch(/Deposit by card.*-£90\.00/);
    expect(text).toMatch(/Balance due\s+£270\.00/);
    expect(text).toContain("The balance of £270.00 is due by");
  });

  it("is rendered once even when several ask for it at the same time", async () => {
    const { session } = await createSessionFixture();
    const inv = (await invoiceOf((await createPaidBooking(session.id)).id))!;
    const results = await Promise.all(Array.from({ length: 4 }, () => ensureInvoicePdf(db(), inv.id)));
    const [row] = await db().select({ sha: invoices.pdfSha256 }).from(invoices).where(eq(invoices.id, inv.id));
    expect(results.map((r) => r!.sha256)).toEqual(Array(4).fill(row.sha));
    // The bytes each caller got are the stored ones, whether it stored them or found them stored.
    expect(results.map((r) => sha256Hex(r!.pdf))).toEqual(Array(4).fill(row.sha));
  });

  it("is drawn ahead of need by its job, which leaves a PDF stored before it as it is", async () => {
    const { session } = await createSessionFixture();
    const stored = async (id: string) => (await db().select({ pdf: invoices.pdf, sha: invoices.pdfSha256 }).from(invoices).where(eq(invoices.id, id)))[0];
    const [ahead, emailedFirst] = [await createPaidBooking(session.id), await createPaidBooking(session.id)];
    const [a, e] = [(await invoiceOf(ahead.id))!, (await invoiceOf(emailedFirst.id))!];
    await storeInvoicePdfAhead(db(), a.id);
    const drawn = await stored(a.id);
    expect(drawn.sha).toBe(sha256Hex(drawn.pdf!));
    // The confirmation email stored this one first: the job finds it and changes nothing.
    const kept = (await ensureInvoicePdf(db(), e.id))!;
    await Promise.all([storeInvoicePdfAhead(db(), e.id), storeInvoicePdfAhead(db(), a.id)]);
    expect(await stored(e.id)).toEqual({ pdf: kept.pdf, sha: kept.sha256 });
    expect(await stored(a.id)).toEqual(drawn);
    await expect(storeInvoicePdfAhead(db(), "00000000-0000-4000-8000-000000000000")).resolves.toBeUndefined();
  });

  it("is stored once: every later download returns the identical bytes", async () => {
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id);
    const inv = (await invoiceOf(booking.id))!;
    expect(inv.pdf).toBeNull();
    await runJobs(); // the invoice.render job
    const [row] = await db().select({ pdf: invoices.pdf, sha: invoices.pdfSha256 }).from(invoices).where(eq(invoices.id, inv.id));
    expect(row.sha).toBe(sha256Hex(row.pdf!));

    const again = await Promise.all(Array.from({ length: 5 }, () => ensureInvoicePdf(db(), inv.id)));
    expect(new Set(again.map((a) => a!.sha256))).toEqual(new Set([row.sha]));
    const token = bookingAccessToken(booking.id);
    const first = await customerGet(booking.reference, inv.number, token);
    const second = await customerGet(booking.reference, inv.number, token);
    const { cookie } = await staffCookie("finance");
    const third = await staffGet(inv.number, cookie);
    for (const res of [first, second, third]) {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("etag")).toBe(`"${row.sha}"`);
      expect(sha256Hex(new Uint8Array(await res.arrayBuffer()))).toBe(row.sha);
    }
  });
});

describe("who can download", () => {
  it("gives the customer their invoice with their token and everyone else a 404", async () => {
    const { session } = await createSessionFixture();
    const mine = await createPaidBooking(session.id);
    const theirs = await createPaidBooking(session.id);
    const myInvoice = (await invoiceOf(mine.id))!;
    const theirInvoice = (await invoiceOf(theirs.id))!;
    const token = bookingAccessToken(mine.id);

    expect((await customerGet(mine.reference, myInvoice.number, token)).status).toBe(200);
    expect((await customerGet(mine.reference.toLowerCase(), `${myInvoice.number}.pdf`, token)).status).toBe(200);
    // Wrong or missing token, someone else's number with my token, a guessed number, an id instead of a number.
    expect((await customerGet(mine.reference, myInvoice.number, bookingAccessToken(theirs.id))).status).toBe(404);
    expect((await customerGet(mine.reference, myInvoice.number, null)).status).toBe(404);
    expect((await customerGet(mine.reference, theirInvoice.number, token)).status).toBe(404);
    expect((await customerGet(mine.reference, "INV-2026-99999", token)).status).toBe(404);
    expect((await customerGet(mine.reference, myInvoice.id, token)).status).toBe(404);
    expect((await customerGet("TRN-0000-0000", myInvoice.number, token)).status).toBe(404);
  });

  it("lets finance and admin staff download any invoice, and nobody without a session", async () => {
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id);
    const inv = (await invoiceOf(booking.id))!;
    expect((await staffGet(inv.number)).status).toBe(401);
    expect((await staffGet(inv.number, (await staffCookie("finance")).cookie)).status).toBe(200);
    expect((await staffGet(inv.number, (await staffCookie("admin")).cookie)).status).toBe(200);
    expect((await staffGet("INV-1999-00001", (await staffCookie("finance")).cookie)).status).toBe(404);
  });
});

describe("the balance of a deposit", () => {
  it("is paid through a balance checkout and recorded against the same invoice", async () => {
    const { session } = await createSessionFixture({ priceAmount: 12_000, depositAmount: 3_000, startsInDays: 40 });
    const booking = await createPaidBooking(session.id, { paymentOption: "deposit", attendees: [{ firstName: "Ann", lastName: "One" }, { firstName: "Bo", lastName: "Two" }] });
    expect(booking).toMatchObject({ paymentStatus: "deposit_paid", amountPaid: 6_000 });
    const invoice = (await invoiceOf(booking.id))!;

    const checkout = await openBalanceCheckout(db(), booking.id);
    expect(checkout.id).toMatch(/^cs_sim_bal_/);
    expect(await openBalanceCheckout(db(), booking.id)).toEqual(checkout); // reused while open
    const res = await payBalance(booking.id, 18_000);
    expect(res.status).toBe(200);

    expect(await getBooking(booking.id)).toMatchObject({ status: "confirmed", paymentStatus: "paid", amountPaid: 24_000 });
    const paid = await db().select().from(payments).where(eq(payments.bookingId, booking.id));
    expect(paid.map((p) => [p.kind, p.amount]).sort()).toEqual([["balance", 18_000], ["deposit", 6_000]]);
    expect(await db().select({ id: invoices.id }).from(invoices).where(eq(invoices.bookingId, booking.id))).toEqual([{ id: invoice.id }]);
    const keys = (await jobsFor("email.send")).map((j) => j.key);
    expect(keys).toContain(`email:balance-receipt:${paid.find((p) => p.kind === "balance")!.id}`);
    // The reminder has nothing left to ask for: its job is gone.
    expect(keys).not.toContain(`email:balance-reminder:${booking.id}`);
    await expect(openBalanceCheckout(db(), booking.id)).rejects.toThrow("Nothing is owed");
  });
});

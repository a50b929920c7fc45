// Access and portability: everything held about one person, as one JSON file plus the invoice and credit note
// PDFs, in a ZIP. Staff only; the export itself is written to the audit log (without the address).
import { ZipArchive } from "archiver";
import type { Db } from "@/db";
import { getBookingDetail } from "@/db/queries/bookings";
import { auditOfBookings, bookingIdsOfPerson, emailsToPerson, moneyOfBookings } from "@/db/queries/privacy";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { presentBooking } from "@/lib/booking/present";
import { ensureCreditNotePdf, ensureInvoicePdf } from "@/lib/invoices/render";
import { ledgerOf } from "@/lib/members/ledger";
import { members } from "@/db/schema";
import { sql } from "drizzle-orm";
import { emailHash, normaliseEmail } from "./person";

export type PersonExport = { json: Record<string, unknown>; files: { path: string; content: Buffer }[] };

export async function collectPersonData(db: Db, rawEmail: string, now = new Date()): Promise<PersonExport> {
  const email = normaliseEmail(rawEmail);
  const ids = await bookingIdsOfPerson(db, email);
  const own = [];
  for (const id of ids.asContact) {
    const d = await getBookingDetail(db, id);
    if (d) own.push(presentBooking(d));
  }
  // Where they only hold a place in someone else's booking: that place, not the booker's details.
  const places = [];
  for (const id of ids.asAttendeeOnly) {
    const d = await getBookingDetail(db, id);
    if (!d) continue;
    const booking = presentBooking(d);
    for (const a of d.attendees.filter((x) => x.email && normaliseEmail(x.email) === email)) {
      places.push({
        bookingReference: booking.reference, status: booking.status, session: booking.session,
        attendee: booking.attendees.find((p) => p.position === a.position),
      });
    }
  }
  const memberships = [];
  for (const m of await db.select().from(members).where(sql`lower(${members.email}) = ${email}`))
    memberships.push({ ...m, pointsLedger: await ledgerOf(db, m.id) });
  const money = await moneyOfBookings(db, ids.asContact);
  const emails = await emailsToPerson(db, email);
  const audit = await auditOfBookings(db, ids.asContact);
  const files: PersonExport["files"] = [];
  for (const i of money.invoices) {
    const pdf = await ensureInvoicePdf(db, i.id);
    if (pdf) files.push({ path: `invoices/${pdf.number}.pdf`, content: pdf.pdf });
  }
  for (const c of money.creditNotes) {
    const pdf = await ensureCreditNotePdf(db, c.id);
    if (pdf) files.push({ path: `credit-notes/${pdf.number}.pdf`, content: pdf.pdf });
  }
  return {
    json: {
      email, exportedAt: now.toISOString(),
      bookings: own, placesInOtherBookings: places, memberships,
      refunds: money.refunds, invoices: money.invoices, creditNotes: money.creditNotes,
      emails, auditEntries: audit,
    },
    files,
  };
}

/** The ZIP staff download: person.json and the PDFs. Audited with counts and the address's hash. */
export async function exportPerson(db: Db, actor: AuditActor, rawEmail: string, now = new Date()): Promise<Uint8Array<ArrayBuffer>> {
  const data = await collectPersonData(db, rawEmail, now);
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    archive.on("data", (chunk: Buffer) => chunks.push(chunk));
    archive.on("end", () => resolve());
    archive.on("error", reject);
  });
  archive.append(JSON.stringify(data.json, null, 2), { name: "person.json", date: now });
  for (const f of data.files) archive.append(f.content, { name: f.path, date: now });
  await archive.finalize();
  await done;
  const counts = Object.fromEntries(Object.entries(data.json).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [k, (v as unknown[]).length]));
  await recordAudit(db, actor, { action: "person.export", entityType: "person", entityId: emailHash(rawEmail), after: { ...counts, files: data.files.length } });
  return new Uint8Array(Buffer.concat(chunks));
}

// Access and portability: everything held about one person, as one JSON file plus the invoice and credit note
// PDFs, in a ZIP. Staff only; the export itself is written to the audit log (without the address). It covers what
// erasure treats as theirs (lib/privacy/redact-history.ts), as far as it is about them: bookings and places with
// their change history (staff's reasons included), waiting-list entries and offers, memberships, money, emails
// sent to them, audit entries, sign-in links and sessions, and the answers given to the courses' questions (a
// date of birth, an emergency contact: sensitive ones too, as the requirements are). Other people's details stay
// out.
import { ZipArchive } from "archiver";
import type { Db } from "@/db";
import { getBookingDetail } from "@/db/queries/bookings";
import { answersOfBookings } from "@/db/queries/questions";
import {
  auditOfPerson, bookingIdsOfPerson, changesOfBookings, emailsToPerson, moneyOfBookings, signInsOfPerson, waitlistOfPerson,
} from "@/db/queries/privacy";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { presentBooking } from "@/lib/booking/present";
import { ensureCreditNotePdf, ensureInvoicePdf } from "@/lib/invoices/render";
import { ledgerOf } from "@/lib/members/ledger";
import { members } from "@/db/schema";
import { sql } from "drizzle-orm";
import { historyOfPlace, namesInHistory } from "./export-history";
import { emailHash, normaliseEmail } from "./person";

export type PersonExport = { json: Record<string, unknown>; files: { path: string; content: Buffer }[] };

type StoredAnswer = Awaited<ReturnType<typeof answersOfBookings>>[number];

/** An answer as the person reads it: the question as it was asked, and what was answered. */
const readableAnswer = (a: StoredAnswer) => ({ question: a.label, answer: a.value, sensitive: a.sensitive, givenAt: a.createdAt.toISOString() });

export async function collectPersonData(db: Db, rawEmail: string, now = new Date()): Promise<PersonExport> {
  const email = normaliseEmail(rawEmail);
  const ids = await bookingIdsOfPerson(db, email);
  // A booking they made, with its whole history of changes (as the booker sees it, plus staff's reasons).
  // With its answers: the booking's own and each place's, as the booking itself is given whole.
  const own = [];
  const ownChanges = await changesOfBookings(db, ids.asContact);
  const answers = await answersOfBookings(db, [...ids.asContact, ...ids.asAttendeeOnly], { includeSensitive: true });
  const answersOf = (bookingId: string, attendeeId: string | null) =>
    answers.filter((a) => a.bookingId === bookingId && a.attendeeId === attendeeId).map(readableAnswer);
  for (const id of ids.asContact) {
    const d = await getBookingDetail(db, id);
    if (!d) continue;
    const booking = presentBooking(d);
    own.push({
      ...booking,
      attendees: booking.attendees.map((a) => ({ ...a, answers: answersOf(id, a.id) })),
      answers: answersOf(id, null),
      history: ownChanges.filter((c) => c.bookingId === id),
    });
  }
  // Where they only hold a place in someone else's booking: that place, its answers and its history, not the
  // booker's details, the booking's own answers (the booker's) nor the other places.
  const places = [];
  const otherChanges = await changesOfBookings(db, ids.asAttendeeOnly);
  for (const id of ids.asAttendeeOnly) {
    const d = await getBookingDetail(db, id);
    if (!d) continue;
    const booking = presentBooking(d);
    const mine = d.attendees.filter((x) => x.email && normaliseEmail(x.email) === email);
    const changes = otherChanges.filter((c) => c.bookingId === id);
    for (const a of mine) {
      const placeIds = new Set([a.id]);
      const names = [`${a.firstName} ${a.lastName}`, ...namesInHistory(changes, { email, placeIds })];
      places.push({
        bookingReference: booking.reference, status: booking.status, session: booking.session,
        attendee: { ...booking.attendees.find((p) => p.position === a.position)!, answers: answersOf(id, a.id) },
        history: historyOfPlace(changes, { email, placeIds, names }),
      });
    }
  }
  const memberships = [];
  for (const m of await db.select().from(members).where(sql`lower(${members.email}) = ${email}`))
    memberships.push({ ...m, pointsLedger: await ledgerOf(db, m.id) });
  const waitingList = await waitlistOfPerson(db, email);
  const money = await moneyOfBookings(db, ids.asContact);
  const emails = await emailsToPerson(db, email);
  const audit = await auditOfPerson(db, {
    email, bookingIds: ids.asContact, othersBookingIds: ids.asAttendeeOnly, memberIds: memberships.map((m) => m.id), waitlistEntryIds: waitingList.map((w) => w.id),
  });
  const signIns = await signInsOfPerson(db, email);
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
      bookings: own, placesInOtherBookings: places, waitingList, memberships,
      refunds: money.refunds, invoices: money.invoices, creditNotes: money.creditNotes,
      emails, auditEntries: audit, signInLinks: signIns.links, customerSessions: signIns.sessions,
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

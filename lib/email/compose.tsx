// Builds each kind of email from the database as it is when the job runs.
import { placeSummaries } from "@/lib/booking/place-summary";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { RELEASED_BY_CLIENT } from "@/lib/booking/release-hold";
import { reusable } from "@/db/reusable";
import { bookingAttendees, invoices, payments, refunds, tickets as ticketRows, venues } from "@/db/schema";
import { getBookingDetail, type BookingDetail } from "@/db/queries/bookings";
import { adminAlertRecipients, getCreditNoteWithInvoice, getInvoiceByBookingId, refundGroup } from "@/db/queries/finance";
import { amountOwed } from "@/lib/booking/balance";
import { balanceDueNow } from "@/lib/booking/balance-due";
import { bookingPageUrl } from "@/lib/booking/open-checkout";
import { env } from "@/lib/env";
import { formatDate, formatDateTimeZoned, formatMoney, formatSessionWhen } from "@/lib/format";
import { ensureCreditNotePdf, ensureInvoicePdf, refundRoute, renderBookingConfirmationPdf } from "@/lib/invoices/render";
import { refundRouteText } from "@/lib/payments/offline-methods";
import { discountTotals, sellerSnapshot } from "@/lib/invoices/snapshot";
import AdminCriticalRequirementEmail from "@/emails/admin-critical-requirement";
import AdminNewBookingEmail from "@/emails/admin-new-booking";
import AttendeePlaceEmail from "@/emails/attendee-place";
import BalanceReceiptEmail from "@/emails/balance-receipt";
import BalanceReminderEmail from "@/emails/balance-reminder";
import BookingConfirmationEmail from "@/emails/booking-confirmation";
import LatePaymentRefundedEmail, { type LatePaymentReason } from "@/emails/late-payment-refunded";
import RefundConfirmationEmail from "@/emails/refund-confirmation";
import BookingChangedEmail from "@/emails/booking-changed";
import SessionChangedEmail from "@/emails/session-changed";
import { bookingChanges } from "@/db/schema";
import { renderTicketsPdf } from "@/lib/tickets/render";
import type { ComposedEmail } from "./deliver";
import { calendarFile, venueLine } from "./calendar-file";
import { emailKey, type EmailJob } from "./jobs";
import { spanPriceText } from "@/lib/booking/span-price-text";
import { answersOfBookings } from "@/db/queries/questions";
import { answerText, type AnswerValue } from "@/lib/validations/questions";
import type { MailAttachment } from "./transport";
import { composeMembersNewSession, composeMembersPresaleOpen } from "@/lib/members/notification-email";
import { composeSessionReminder } from "./session-reminder";
import { composeSessionMessage } from "./session-message";
import { composeAdminBookingCancelled, composeBookingCancelled, composeWaitlistJoined, composeWaitlistOffer } from "@/lib/self-service/emails";

const priorityText = { critical: "Critical", high: "High", standard: "Standard" } as const;

type Requirement = BookingDetail["attendees"][number]["requirements"][number];
const requirementText = (r: Requirement) => `${r.label} (${priorityText[r.priority]})${r.details ? `: ${r.details}` : ""}`;

function sessionFacts(d: BookingDetail) {
  const tz = d.venue.timeZone;
  return {
    when: formatSessionWhen(d.session.startsAt, d.session.endsAt, tz),
    day: formatDate(d.session.startsAt, tz),
    venue: venueLine(d.venue),
    money: (n: number) => formatMoney(n, d.booking.currency),
  };
}

const active = (d: BookingDetail) => d.attendees.filter((a) => !a.cancelledAt);

/**
 * One answer as the booker's confirmation shows it. A sensitive answer (a date of birth, who may collect a
 * child) is shown to admins only: the email confirms it was given without repeating it.
 */
function answerLine(a: { label: string; value: AnswerValue; sensitive: boolean }): string {
  return `${a.label}: ${a.sensitive ? "answered (kept for staff only)" : answerText(a.value)}`;
}

async function bookingConfirmed(db: Db, job: Extract<EmailJob, { kind: "booking-confirmed" }>): Promise<ComposedEmail[]> {
  const d = await getBookingDetail(db, job.bookingId);
  if (!d || d.booking.status !== "confirmed") return [];
  const b = d.booking;
  const { when, day, venue, money } = sessionFacts(d);
  const seller = sellerSnapshot(env());
  const invoice = await getInvoiceByBookingId(db, b.id);
  // The three documents render at once, on as many PDF threads as are free.
  const [invoicePdf, bookingPdf, tickets, answers] = await Promise.all([
    invoice ? ensureInvoicePdf(db, invoice.id) : null,
    renderBookingConfirmationPdf(d, seller, invoice?.number ?? null),
    renderTicketsPdf(db, d),
    answersOfBookings(db, [b.id], { includeSensitive: true }),
  ]);
  const attachments: MailAttachment[] = [];
  if (invoicePdf) attachments.push({ filename: `${invoicePdf.number}.pdf`, contentType: "application/pdf", content: invoicePdf.pdf });
  attachments.push({ filename: `booking-${b.reference}.pdf`, contentType: "application/pdf", content: bookingPdf });
  if (tickets) attachments.push({ filename: `tickets-${b.reference}.pdf`, contentType: "application/pdf", content: tickets });
  attachments.push(calendarFile(d));
  const owed = amountOwed(b);
  // As the booking confirmation PDF shows them: the places still booked at list price, each discount taken off.
  const discounts = discountTotals(d);
  return [{
    key: emailKey(job), kind: job.kind, bookingId: b.id, to: b.contactEmail,
    subject: `Booking confirmed: ${d.course.title}, ${day} (${b.reference})`,
    body: (
      <BookingConfirmationEmail sellerName={seller.name} bookerName={b.contactName} reference={b.reference} course={d.course.title}
        when={when} venue={venue}
        attendees={active(d).map((a) => {
          const place = placeSummaries(d.attendees).get(a.id);
          return {
            name: `${a.firstName} ${a.lastName}${place ? ` (${place})` : ""}`, requirements: a.requirements.map(requirementText),
            answers: answers.filter((x) => x.attendeeId === a.id).map(answerLine),
          };
        })}
        bookingAnswers={answers.filter((x) => x.attendeeId === null).map(answerLine)}
        discounts={discounts.length ? {
          listPrice: money(active(d).reduce((acc, a) => acc + a.listAmount, 0)),
          lines: discounts.map((x) => ({ label: x.label, amount: money(x.amount) })),
        } : null}
        total={`${money(b.totalAmount - b.creditedAmount)}${b.spanPrice ? `: ${spanPriceText(b.spanPrice, b.currency)}` : ""}`} paid={money(b.amountPaid - b.amountRefunded)}
        balance={owed > 0 ? { amount: money(owed), dueDate: b.balanceDueAt ? formatDate(b.balanceDueAt, d.venue.timeZone) : "the course" } : null}
        invoiceNumber={invoice?.number ?? null} bookingUrl={bookingPageUrl(b)} />
    ),
    attachments,
  }];
}

// Asked by each email to an attendee of a paid booking, built once (db/reusable.ts).
const bookingOfAttendee = reusable("booking-of-attendee", (db) => db.select({ bookingId: bookingAttendees.bookingId }).from(bookingAttendees)
  .where(eq(bookingAttendees.id, sql.placeholder("attendeeId"))));

async function attendeePlace(db: Db, job: Extract<EmailJob, { kind: "attendee-place" }>): Promise<ComposedEmail[]> {
  const [attendee] = await bookingOfAttendee(db, { attendeeId: job.attendeeId });
  if (!attendee) return [];
  const d = await getBookingDetail(db, attendee.bookingId);
  const a = d?.attendees.find((x) => x.id === job.attendeeId);
  if (!d || !a || !a.email || a.cancelledAt || d.booking.status !== "confirmed") return [];
  if (a.isBooker || a.email.toLowerCase() === d.booking.contactEmail.toLowerCase()) return [];
  const { when, day, venue } = sessionFacts(d);
  const seller = sellerSnapshot(env());
  const ticket = await renderTicketsPdf(db, d, { attendeeId: a.id });
  return [{
    key: emailKey(job), kind: job.kind, bookingId: d.booking.id, to: a.email,
    subject: `Your place on ${d.course.title}, ${day}`,
    body: (
      <AttendeePlaceEmail sellerName={seller.name} attendeeName={`${a.firstName} ${a.lastName}`} reference={d.booking.reference}
        course={d.course.title} when={when} venue={venue} place={placeSummaries(d.attendees).get(a.id) ?? null} requirements={a.requirements.map(requirementText)} />
    ),
    attachments: [
      ...(ticket ? [{ filename: `ticket-${d.booking.reference}-${a.position}.pdf`, contentType: "application/pdf", content: ticket }] : []),
      calendarFile(d, { attendeeId: a.id }),
    ],
  }];
}

async function balanceReceipt(db: Db, job: Extract<EmailJob, { kind: "balance-receipt" }>): Promise<ComposedEmail[]> {
  const [payment] = await db.select().from(payments).where(eq(payments.id, job.paymentId));
  if (!payment) return [];
  const d = await getBookingDetail(db, payment.bookingId);
  if (!d) return [];
  const b = d.booking;
  const { when, money } = sessionFacts(d);
  // A payment for a price that went up (a longer span) comes with the supplementary invoice that bills it.
  const [supplementary] = await db.select({ id: invoices.id, number: invoices.number, totalAmount: invoices.totalAmount }).from(invoices).where(eq(invoices.paymentId, payment.id));
  const own = await getInvoiceByBookingId(db, b.id);
  const invoice = supplementary ?? own;
  // What the supplementary invoice bills is paid from this payment first; the rest goes to the booking's own invoice.
  const toSupplement = supplementary ? Math.min(payment.amount, supplementary.totalAmount) : 0;
  const recordedOn = [
    ...(supplementary ? [{ number: supplementary.number, amount: money(toSupplement) }] : []),
    ...(own && (!supplementary || payment.amount > toSupplement) ? [{ number: own.number, amount: money(payment.amount - toSupplement) }] : []),
  ];
  const attachments: MailAttachment[] = [];
  if (supplementary) {
    const pdf = await ensureInvoicePdf(db, supplementary.id);
    if (pdf) attachments.push({ filename: `${pdf.number}.pdf`, contentType: "application/pdf", content: pdf.pdf });
  }
  const owed = amountOwed(b);
  const seller = sellerSnapshot(env());
  // The invoice stays as issued (deposit paid, balance due): the booking's confirmation, drawn again now, is the
  // document that shows what has been paid since and what, if anything, is still owed.
  const confirmation = await renderBookingConfirmationPdf(d, seller, invoice?.number ?? null);
  attachments.push({ filename: `booking-${b.reference}.pdf`, contentType: "application/pdf", content: confirmation });
  // Places this payment paid for were ticketed with it: the booker gets every ticket again, the new ones included.
  const newlyTicketed = active(d).filter((a) => job.ticketed?.includes(a.id));
  if (newlyTicketed.length) {
    const tickets = await renderTicketsPdf(db, d);
    if (tickets) attachments.push({ filename: `tickets-${b.reference}.pdf`, contentType: "application/pdf", content: tickets });
  }
  return [{
    key: emailKey(job), kind: job.kind, bookingId: b.id, to: b.contactEmail,
    subject: `Payment received for booking ${b.reference}`,
    body: (
      <BalanceReceiptEmail sellerName={seller.name} bookerName={b.contactName} reference={b.reference} amount={money(payment.amount)}
        receivedOn={formatDate(payment.receivedAt, env().FINANCE_TIME_ZONE)} invoices={recordedOn}
        course={d.course.title} when={when} totalPaid={money(b.amountPaid - b.amountRefunded)}
        stillOwed={owed > 0 ? money(owed) : null} bookingUrl={bookingPageUrl(b)} newlyTicketed={newlyTicketed.map((a) => `${a.firstName} ${a.lastName}`)} />
    ),
    attachments,
  }];
}

async function balanceReminder(db: Db, job: Extract<EmailJob, { kind: "balance-reminder" }>): Promise<ComposedEmail[]> {
  const d = await getBookingDetail(db, job.bookingId);
  if (!d || d.booking.status !== "confirmed") return [];
  const b = d.booking;
  const owed = amountOwed(b);
  if (owed === 0) return [];
  const { when, money } = sessionFacts(d);
  const invoice = await getInvoiceByBookingId(db, b.id);
  const seller = sellerSnapshot(env());
  const dueAt = b.balanceDueAt ?? d.session.startsAt;
  // A reminder sent after its date has come (the booking moved to a nearer session meanwhile) says "due now".
  const dueDate = balanceDueNow(dueAt, new Date()) ? null : formatDate(dueAt, d.venue.timeZone);
  return [{
    key: emailKey(job), kind: job.kind, bookingId: b.id, to: b.contactEmail,
    subject: `Balance of ${money(owed)} ${dueDate ? `due by ${dueDate}` : "due now"} (${b.reference})`,
    body: (
      <BalanceReminderEmail sellerName={seller.name} bookerName={b.contactName} reference={b.reference} amount={money(owed)} dueDate={dueDate}
        course={d.course.title} when={when} invoiceNumber={invoice?.number ?? null} payUrl={`${bookingPageUrl(b)}#balance`}
        bankDetails={seller.bankDetails ?? null} />
    ),
    attachments: [],
  }];
}

async function refundConfirmed(db: Db, job: Extract<EmailJob, { kind: "refund-confirmed" }>): Promise<ComposedEmail[]> {
  const found = await getCreditNoteWithInvoice(db, job.creditNoteId);
  if (!found) return [];
  // A refund that failed at the provider after all (charge.refund.updated) must not be announced as made.
  if (found.creditNote.refundId) {
    const parts = await refundGroup(db, found.creditNote.refundId);
    if (parts.some((r) => r.status !== "succeeded")) return [];
  }
  const d = await getBookingDetail(db, found.invoice.bookingId);
  if (!d) return [];
  const b = d.booking;
  const { money } = sessionFacts(d);
  const cn = found.creditNote;
  const pdf = await ensureCreditNotePdf(db, cn.id);
  const cancelled = cn.lines.filter((l) => l.attendeeId)
    .map((l) => d.attendees.find((a) => a.id === l.attendeeId))
    .filter((a) => a !== undefined).map((a) => `${a.firstName} ${a.lastName}`);
  const owed = amountOwed(b);
  const seller = sellerSnapshot(env());
  return [{
    key: emailKey(job), kind: job.kind, bookingId: b.id, to: b.contactEmail,
    subject: `Refund of ${money(cn.refundAmount)} for booking ${b.reference} (credit note ${cn.number})`,
    body: (
      <RefundConfirmationEmail refundedHow={refundRouteText[await refundRoute(db, found.creditNote.refundId)]} sellerName={seller.name} bookerName={b.contactName} reference={b.reference} creditNoteNumber={cn.number}
        invoiceNumber={found.invoice.number} refundAmount={money(cn.refundAmount)} creditAmount={money(cn.totalAmount)}
        cancelledPlaces={cancelled} stillOwed={owed > 0 && b.status === "confirmed" ? money(owed) : null} reason={cn.reason}
        bookingUrl={bookingPageUrl(b)} />
    ),
    attachments: pdf ? [{ filename: `${pdf.number}.pdf`, contentType: "application/pdf", content: pdf.pdf }] : [],
  }];
}

async function latePaymentRefunded(db: Db, job: Extract<EmailJob, { kind: "late-payment-refunded" }>): Promise<ComposedEmail[]> {
  const [row] = await db.select({ refund: refunds, paidAt: payments.receivedAt })
    .from(refunds).innerJoin(payments, eq(payments.id, refunds.paymentId)).where(eq(refunds.id, job.refundId));
  if (!row) return [];
  const d = await getBookingDetail(db, row.refund.bookingId);
  if (!d) return [];
  const b = d.booking;
  const { when } = sessionFacts(d);
  const seller = sellerSnapshot(env());
  const tz = d.venue.timeZone;
  const at = (t: Date) => formatDateTimeZoned(t, tz);
  // The booking keeps why its checkout ended (lib/payments/record-payment.ts).
  const why: LatePaymentReason = b.statusReason === "session_rescheduled" ? "moved" : b.statusReason === "session_cancelled" ? "cancelled"
    : b.statusReason === RELEASED_BY_CLIENT ? "released" : "filled";
  const because: Record<LatePaymentReason, string> = {
    filled: "the session filled up", moved: "the session moved", cancelled: "the session was cancelled", released: "the checkout had been cancelled",
  };
  return [{
    key: emailKey(job), kind: job.kind, bookingId: b.id, to: b.contactEmail,
    subject: `Your payment for booking ${b.reference} is being refunded: ${because[why]}`,
    body: (
      <LatePaymentRefundedEmail why={why} sellerName={seller.name} bookerName={b.contactName} reference={b.reference} course={d.course.title} when={when}
        places={b.attendeeCount} refundAmount={formatMoney(row.refund.amount, row.refund.currency)} heldUntil={at(b.holdExpiresAt)}
        paidAt={at(row.paidAt)} coursesUrl={`${env().APP_URL}/courses`} />
    ),
    attachments: [],
  }];
}

async function adminNewBooking(db: Db, job: Extract<EmailJob, { kind: "admin-new-booking" }>): Promise<ComposedEmail[]> {
  const d = await getBookingDetail(db, job.bookingId);
  if (!d) return [];
  const b = d.booking;
  const { when, day, venue, money } = sessionFacts(d);
  const invoice = await getInvoiceByBookingId(db, b.id);
  const criticalCount = d.attendees.flatMap((a) => a.requirements).filter((r) => r.priority === "critical").length;
  const seller = sellerSnapshot(env());
  const places = d.attendees.length;
  const recipients = await adminAlertRecipients(db, env().ADMIN_ALERT_EMAILS);
  return recipients.map((to) => ({
    key: `${emailKey(job)}:${to}`, kind: job.kind, bookingId: b.id, to,
    subject: `New booking ${b.reference}: ${places} place${places === 1 ? "" : "s"} on ${d.course.title}, ${day}`,
    body: (
      <AdminNewBookingEmail sellerName={seller.name} reference={b.reference} course={d.course.title} when={when} venue={venue} places={places}
        booker={b.organisation ? `${b.contactName} (${b.organisation})` : b.contactName} contact={`${b.contactEmail}, ${b.contactPhone}`}
        paid={money(b.amountPaid)} total={money(b.totalAmount)} paymentOption={b.paymentOption} invoiceNumber={invoice?.number ?? null}
        criticalCount={criticalCount} financeUrl={`${env().APP_URL}/admin/finance?q=${encodeURIComponent(b.reference)}`} />
    ),
    attachments: [],
  }));
}

async function adminCritical(db: Db, job: Extract<EmailJob, { kind: "admin-critical" }>): Promise<ComposedEmail[]> {
  const d = await getBookingDetail(db, job.bookingId);
  if (!d) return [];
  const b = d.booking;
  const items = d.attendees.flatMap((a) => a.requirements.filter((r) => r.priority === "critical")
    .map((r) => ({ attendee: `${a.firstName} ${a.lastName}`, requirement: r.label, details: r.details })));
  if (items.length === 0) return [];
  const { when, day, venue } = sessionFacts(d);
  const seller = sellerSnapshot(env());
  const recipients = await adminAlertRecipients(db, env().ADMIN_ALERT_EMAILS);
  const labels = [...new Set(items.map((i) => i.requirement))].join(", ");
  return recipients.map((to) => ({
    key: `${emailKey(job)}:${to}`, kind: job.kind, bookingId: b.id, to,
    subject: `CRITICAL requirement: ${labels} on ${d.course.title}, ${day} (${b.reference})`,
    body: (
      <AdminCriticalRequirementEmail sellerName={seller.name} reference={b.reference} course={d.course.title} when={when} venue={venue}
        booker={b.organisation ? `${b.contactName} (${b.organisation})` : b.contactName} contact={`${b.contactPhone}, ${b.contactEmail}`}
        items={items} />
    ),
    attachments: [],
  }));
}

/** The messages a job sends: none when its cause no longer applies (a balance already paid, a place cancelled). */
export async function composeEmails(db: Db, job: EmailJob): Promise<ComposedEmail[]> {
  switch (job.kind) {
    case "booking-confirmed": return bookingConfirmed(db, job);
    case "attendee-place": return attendeePlace(db, job);
    case "balance-receipt": return balanceReceipt(db, job);
    case "balance-reminder": return balanceReminder(db, job);
    case "refund-confirmed": return refundConfirmed(db, job);
    case "admin-new-booking": return adminNewBooking(db, job);
    case "admin-critical": return adminCritical(db, job);
    case "late-payment-refunded": return latePaymentRefunded(db, job);
    case "booking-cancelled": return composeBookingCancelled(db, job.cancellationId);
    case "admin-booking-cancelled": return composeAdminBookingCancelled(db, job.cancellationId);
    case "waitlist-joined": return composeWaitlistJoined(db, job.entryId);
    case "waitlist-offer": return composeWaitlistOffer(db, job.offerId);
    case "booking-changed": return bookingChanged(db, job);
    case "session-changed": return sessionChanged(db, job);
    case "session-reminder": return composeSessionReminder(db, job);
    case "session-message": return composeSessionMessage(db, job);
    case "members-new-session": return composeMembersNewSession(db, [job.sessionId, ...(job.alsoSessionIds ?? [])], job.levels);
    case "members-presale-open": return composeMembersPresaleOpen(db, job);
  }
}

/** The balance as the change email states it: due now once its date has come (a move can bring it forward), else by then. */
function balanceOwed(amount: string, dueAt: Date | null, timeZone: string) {
  if (!dueAt) return { amount, dueDate: null };
  return balanceDueNow(dueAt, new Date()) ? { amount, dueDate: null, dueNow: true } : { amount, dueDate: formatDate(dueAt, timeZone) };
}

const changeText = { attendees_updated: "Attendee details or needs were changed", attendees_added: "Attendees were added", moved: "The booking moved to another session", seats_changed: "Seats were changed", places_cancelled: "Places were cancelled" } as const;

/** After a change (the customer's or staff's): the booker gets every ticket again, each attendee affected their own. */
async function bookingChanged(db: Db, job: Extract<EmailJob, { kind: "booking-changed" }>): Promise<ComposedEmail[]> {
  const [change] = await db.select().from(bookingChanges).where(eq(bookingChanges.id, job.changeId));
  if (!change) return [];
  const d = await getBookingDetail(db, change.bookingId);
  if (!d || d.booking.status !== "confirmed") return [];
  const b = d.booking;
  const { when, venue, money } = sessionFacts(d);
  const seller = sellerSnapshot(env());
  const siblings = await db.select({ action: bookingChanges.action, after: bookingChanges.after }).from(bookingChanges)
    .where(and(eq(bookingChanges.bookingId, b.id), eq(bookingChanges.createdAt, change.createdAt)));
  const what = siblings.map((c) => c.action === "moved" && (c.after as { spanStartsAt?: string }).spanStartsAt
    ? "The booking moved to another date or time" : changeText[c.action as keyof typeof changeText] ?? c.action);
  const owed = amountOwed(b);
  const places = placeSummaries(d.attendees);
  // "Sam Lee · VIP · Stalls, row A, seat 3 (Nut allergy (Critical))": the ticket and seat each place has now.
  const attendeeLine = (a: BookingDetail["attendees"][number]) => {
    const place = places.get(a.id);
    return `${a.firstName} ${a.lastName}${place ? ` · ${place}` : ""}${a.requirements.length ? ` (${a.requirements.map(requirementText).join("; ")})` : ""}`;
  };
  const byStaff = change.actorKind === "staff";
  const ticketed = new Set((await db.select({ attendeeId: ticketRows.attendeeId }).from(ticketRows).where(eq(ticketRows.bookingId, b.id))).map((t) => t.attendeeId));
  const messages: ComposedEmail[] = [];
  const tickets = await renderTicketsPdf(db, d);
  messages.push({
    key: emailKey(job), kind: job.kind, bookingId: b.id, to: b.contactEmail,
    subject: `Your booking ${b.reference} has changed`,
    body: (
      <BookingChangedEmail sellerName={seller.name} name={b.contactName} reference={b.reference} course={d.course.title} when={when} venue={venue}
        changes={what} attendees={active(d).map(attendeeLine)} byStaff={byStaff} ticketsAttached={Boolean(tickets)}
        awaitingPayment={active(d).some((a) => !ticketed.has(a.id))} balance={owed > 0 ? balanceOwed(money(owed), b.balanceDueAt, d.venue.timeZone) : null} url={bookingPageUrl(b)} />
    ),
    attachments: [
      ...(tickets ? [{ filename: `tickets-${b.reference}.pdf`, contentType: "application/pdf", content: tickets }] : []),
      calendarFile(d),
    ],
  });
  // Attendees named in the change (or all of them after a move), other than the booker, hear about their own place.
  const named = new Set<string>();
  const added = new Set<string>();
  for (const c of siblings) {
    const after = c.after as { attendees?: { attendeeId: string }[] };
    if (c.action === "moved") active(d).forEach((a) => named.add(a.id));
    for (const a of after.attendees ?? []) {
      named.add(a.attendeeId);
      if (c.action === "attendees_added") added.add(a.attendeeId);
    }
  }
  for (const a of active(d)) {
    if (!named.has(a.id) || !a.email || sameAddress(a.email, b.contactEmail)) continue;
    const ticket = await renderTicketsPdf(db, d, { attendeeId: a.id });
    // A place added and not yet paid for has no ticket: its attendee hears of it, with the ticket, once it is paid.
    if (!ticket && added.has(a.id)) continue;
    messages.push({
      key: `${emailKey(job)}:${a.id}`, kind: job.kind, bookingId: b.id, to: a.email,
      subject: `Your place on ${d.course.title} has changed`,
      body: (
        <BookingChangedEmail sellerName={seller.name} name={`${a.firstName} ${a.lastName}`} reference={b.reference} course={d.course.title} when={when} venue={venue}
          changes={what} attendees={[attendeeLine(a)]} balance={null} url={null} byStaff={byStaff} ticketsAttached={Boolean(ticket)} />
      ),
      attachments: [
        ...(ticket ? [{ filename: `ticket-${b.reference}-${a.position}.pdf`, contentType: "application/pdf", content: ticket }] : []),
        calendarFile(d, { attendeeId: a.id }),
      ],
    });
  }
  return messages;
}

/**
 * Staff moved the session to another time or place: the booker, and each attendee with an address of their own,
 * hear when and where it is now, with the calendar event replaced. Nothing when a later change superseded it
 * (its own email says where things stand) or the booking is no longer confirmed.
 */
async function sessionChanged(db: Db, job: Extract<EmailJob, { kind: "session-changed" }>): Promise<ComposedEmail[]> {
  const d = await getBookingDetail(db, job.bookingId);
  if (!d || d.booking.status !== "confirmed" || d.booking.calendarSequence !== job.sequence) return [];
  const b = d.booking;
  const { when, venue } = sessionFacts(d);
  const seller = sellerSnapshot(env());
  const wasStart = new Date(job.was.startsAt);
  const wasEnd = new Date(job.was.endsAt);
  const [wasVenue] = job.was.venueId === d.venue.id ? [] : await db.select().from(venues).where(eq(venues.id, job.was.venueId));
  const moved = wasStart.getTime() !== d.session.startsAt.getTime() || wasEnd.getTime() !== d.session.endsAt.getTime();
  const facts = {
    sellerName: seller.name, reference: b.reference, course: d.course.title, when, venue,
    wasWhen: moved ? formatSessionWhen(wasStart, wasEnd, (wasVenue ?? d.venue).timeZone) : null,
    wasVenue: wasVenue ? venueLine(wasVenue) : null,
  };
  const what = facts.wasWhen ? `${d.course.title} now ${when}` : `${d.course.title} moves to ${d.venue.name}`;
  const messages: ComposedEmail[] = [{
    key: emailKey(job), kind: job.kind, bookingId: b.id, to: b.contactEmail,
    subject: `Changed: ${what} (booking ${b.reference})`,
    body: <SessionChangedEmail {...facts} name={b.contactName} url={bookingPageUrl(b)} />,
    attachments: [calendarFile(d)],
  }];
  for (const a of active(d)) {
    if (!a.email || sameAddress(a.email, b.contactEmail)) continue;
    messages.push({
      key: `${emailKey(job)}:${a.id}`, kind: job.kind, bookingId: b.id, to: a.email,
      subject: `Changed: ${what}`,
      body: <SessionChangedEmail {...facts} name={`${a.firstName} ${a.lastName}`} url={null} />,
      attachments: [calendarFile(d, { attendeeId: a.id })],
    });
  }
  return messages;
}

const sameAddress = (x: string, y: string) => x.trim().toLowerCase() === y.trim().toLowerCase();

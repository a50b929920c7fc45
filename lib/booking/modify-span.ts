// Staff move a paid time-slot booking to another span: re-priced, the new slots taken and the old freed in
// one transaction; a lower price is refunded with a credit note, a higher one is owed and paid through a new
// checkout for the difference. On another day the tickets move with it (the old QR codes stop working) and so
// do the day's preparation tasks; the customer is sent the new times and tickets, as after their own change.
import { emitBookingEvent } from "@/lib/webhooks/event-data";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { bookingAttendees, bookingChanges, bookingDiscountLines, bookings, invoices, refunds } from "@/db/schema";
import { syncGeneratedChecklist } from "@/db/queries/requirements";
import { queueEmail } from "@/lib/email/jobs";
import { notifyRequirementsChanged } from "@/lib/requirements/live";
import { moveTicketsAndTasks } from "./move-to-session";
import { calendarChanged, getBookingDetail, lockBooking, logPaymentEvent } from "@/db/queries/bookings";
import { arrivedAttendees } from "@/db/queries/check-ins";
import { moveBookedSpan } from "@/db/queries/places";
import { inSavepoint } from "@/db/savepoint";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { issueCreditNote } from "@/lib/invoices/issue-credit-note";
import { openBalanceCheckout } from "@/lib/payments/balance-checkout";
import { planRefund } from "@/lib/payments/refund-plan";
import { refundablePayments } from "@/lib/payments/refund-booking";
import { processRefund } from "@/lib/payments/refunds";
import { resolveSlotSpan, slotFullError } from "./slot-booking";
import { log } from "@/lib/log";
import { formatMoney } from "@/lib/format";
import { calendarDayText } from "@/lib/slots/span";

export type ModifySpanResult = {
  totalAmount: number;
  difference: number;
  creditNoteNumber: string | null;
  refundIds: string[];
  checkoutUrl: string | null;
};

export async function modifyBookingSpan(
  db: Db, input: { bookingId: string; startsAt: Date; endsAt: Date; reason: string }, actor: AuditActor, now = new Date(),
): Promise<ModifySpanResult> {
  const outcome = await db.transaction(async (tx) => {
    const booking = await lockBooking(tx, input.bookingId);
    if (!booking) throw new AppError("booking_not_found");
    if (!booking.spanStartsAt || !booking.spanEndsAt) throw new AppError("conflict", {}, "Only a time-slot booking has a span to change.");
    if (booking.status !== "confirmed") throw new AppError("conflict", {}, "Only a paid booking's span can be changed.");
    const detail = (await getBookingDetail(tx, booking.id))!;
    const active = detail.attendees.filter((a) => !a.cancelledAt);
    if (active.length === 0) throw new AppError("conflict", {}, "This booking has no places left to move.");

    const span = await resolveSlotSpan(tx, { offeringId: detail.course.id, startsAt: input.startsAt, endsAt: input.endsAt }, now);
    const o = span.offering.offering;
    // Longer or shorter on the same day keeps who has arrived; another day cannot take their check-in with it.
    const arrived = span.slotDay.id === booking.sessionId ? [] : await arrivedAttendees(tx, booking.id, booking.sessionId);
    if (arrived.length)
      throw new AppError("conflict", {}, `${arrived.join(", ")} ${arrived.length === 1 ? "is" : "are"} already checked in on this day: undo the check-in at the door before moving the booking to another day.`);
    let full: Date | null = null;
    const moved = await inSavepoint(tx, async (sp) => {
      const r = await moveBookedSpan(sp, {
        courseId: detail.course.id, ticketTypeId: active[0].ticketTypeId, count: active.length, capacity: o.capacityPerSlot, slotMinutes: o.slotMinutes,
        from: { sessionId: booking.sessionId, startsAt: booking.spanStartsAt!, endsAt: booking.spanEndsAt! },
        to: { sessionId: span.slotDay.id, startsAt: span.startsAt, endsAt: span.endsAt },
      });
      if (r.ok) return r;
      full = r.startsAt; // The savepoint is rolled back: the booking keeps its old slots.
      return null;
    });
    if (!moved) throw await slotFullError(tx, span, full!, active.length);

    // Only the places that move are priced again. What earlier cancellations kept (a band's share, a fee, a
    // deposit) is not a place's price: it stays the booking's, so it is neither refunded nor charged again.
    const oldValue = booking.totalAmount - booking.creditedAmount;
    const placesValue = active.reduce((acc, a) => acc + a.unitAmount - a.discountAmount, 0);
    const kept = Math.max(0, oldValue - placesValue);
    const newPlacesValue = span.price.perAttendee * active.length;
    const newValue = kept + newPlacesValue;
    const difference = newPlacesValue - Math.min(placesValue, oldValue);
    const uniform = active.length === booking.attendeeCount && booking.creditedAmount === 0;
    // The new span is priced at its list price: discounts of the first booking are not carried over.
    await tx.update(bookingAttendees).set({ unitAmount: span.price.perAttendee, discountAmount: 0 })
      .where(eq(bookingAttendees.bookingId, booking.id));
    await tx.delete(bookingDiscountLines).where(eq(bookingDiscountLines.bookingId, booking.id));
    await tx.update(bookings).set({
      sessionId: span.slotDay.id,
      spanStartsAt: span.startsAt,
      spanEndsAt: span.endsAt,
      spanPrice: { slotMinutes: o.slotMinutes, lines: span.price.lines.map(({ amount: _a, ...l }) => l) },
      ...calendarChanged(now),
      ...(difference > 0 ? {
        totalAmount: booking.totalAmount + difference,
        unitAmount: uniform ? span.price.perAttendee : null,
        paymentStatus: "deposit_paid" as const,
        balanceDueAt: span.startsAt,
      } : { unitAmount: uniform && difference === 0 ? booking.unitAmount : null }),
      balanceCheckoutSessionId: null, balanceCheckoutUrl: null, balanceCheckoutExpiresAt: null,
      updatedAt: now,
    }).where(eq(bookings.id, booking.id));

    let creditNoteNumber: string | null = null;
    const refundIds: string[] = [];
    if (difference < 0) {
      const [invoice] = await tx.select({ id: invoices.id }).from(invoices).where(and(eq(invoices.bookingId, booking.id), isNull(invoices.supplementsInvoiceId)));
      if (!invoice) throw new AppError("conflict", {}, "This booking has no invoice to credit.");
      const plan = planRefund({
        value: oldValue, placesValue: 0, activePlaces: active.length, placesToCancel: 0, refundAmount: -difference,
        payments: await refundablePayments(tx, booking.id),
      });
      await tx.update(bookings).set({ creditedAmount: sql`${bookings.creditedAmount} + ${plan.credit}` }).where(eq(bookings.id, booking.id));
      for (const part of plan.parts) {
        const [row] = await tx.insert(refunds).values({
          bookingId: booking.id, paymentId: part.paymentId, amount: part.amount, currency: booking.currency, reason: input.reason,
          countsAgainstBooking: true, parentRefundId: refundIds[0] ?? null, requestedBy: actor.id,
        }).returning({ id: refunds.id });
        refundIds.push(row.id);
      }
      const note = await issueCreditNote(tx, {
        invoiceId: invoice.id, refundId: refundIds[0], credit: plan.credit, refundAmount: -difference, cancelledLines: [], now,
        reason: `${input.reason}: moved to ${calendarDayText(span.date)} ${span.slots[0].localStart}–${span.slots[span.slots.length - 1].localEnd}`,
      });
      creditNoteNumber = note.number;
    }
    if (span.slotDay.id !== booking.sessionId) {
      await moveTicketsAndTasks(tx, {
        bookingId: booking.id, fromSessionId: booking.sessionId, toSessionId: span.slotDay.id, now,
        needIds: active.flatMap((a) => a.requirements.map((r) => r.id)),
      });
      await syncGeneratedChecklist(tx, [booking.sessionId, span.slotDay.id], { bookingId: booking.id });
      for (const s of [booking.sessionId, span.slotDay.id].sort()) await notifyRequirementsChanged(tx, s);
    }
    // In the booking's history, and by email with its tickets and the new times.
    const [change] = await tx.insert(bookingChanges).values({
      bookingId: booking.id, action: "moved", actorKind: "staff", actorEmail: actor.email,
      before: { sessionId: booking.sessionId, spanStartsAt: booking.spanStartsAt.toISOString(), spanEndsAt: booking.spanEndsAt.toISOString(), totalAmount: oldValue },
      after: { sessionId: span.slotDay.id, spanStartsAt: span.startsAt.toISOString(), spanEndsAt: span.endsAt.toISOString(), totalAmount: newValue, difference, reason: input.reason },
      createdAt: now,
    }).returning({ id: bookingChanges.id });
    await queueEmail(tx, { kind: "booking-changed", changeId: change.id });
    await logPaymentEvent(tx, {
      bookingId: booking.id, type: "span_changed",
      message: `${actor.email} moved the booking to ${calendarDayText(span.date)} ${span.slots[0].localStart}–${span.slots[span.slots.length - 1].localEnd}; ${difference >= 0 ? `${formatMoney(difference, booking.currency)} more to pay` : `${formatMoney(-difference, booking.currency)} refunded${creditNoteNumber ? ` (${creditNoteNumber})` : ""}`}`,
    });
    await emitBookingEvent(tx, "booking.changed", booking.id, {
      changes: ["span_moved"], change: "span_moved", previousSpanStartsAt: booking.spanStartsAt.toISOString(), previousSpanEndsAt: booking.spanEndsAt.toISOString(),
      priceDifference: difference,
    });
    await recordAudit(tx, actor, {
      action: "booking.span_change", entityType: "booking", entityId: booking.id,
      before: { spanStartsAt: booking.spanStartsAt.toISOString(), spanEndsAt: booking.spanEndsAt.toISOString(), value: oldValue },
      after: { spanStartsAt: span.startsAt.toISOString(), spanEndsAt: span.endsAt.toISOString(), value: newValue, creditNote: creditNoteNumber, reason: input.reason },
    });
    return { totalAmount: booking.totalAmount + Math.max(0, difference), difference, creditNoteNumber, refundIds };
  });

  for (const id of outcome.refundIds) await processRefund(db, id).catch((err) => log.error({ err, refundId: id }, "refund failed; will retry"));
  // A higher price is owed: a checkout for just the difference.
  const checkoutUrl = outcome.difference > 0 ? (await openBalanceCheckout(db, input.bookingId, now)).url : null;
  return { ...outcome, checkoutUrl };
}

"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/auth/staff-action";
import { reissueTicket as reissue } from "@/lib/tickets/issue";
import { resendBookingConfirmation } from "@/lib/email/resend-confirmation";
import { uuidInput } from "@/lib/validations/catalog";

/** A lost ticket: the old QR code stops working, the booking page and a new PDF show the new one. */
export const reissueTicket = staffAction(["admin"], z.object({ attendeeId: uuidInput("place") }), async ({ attendeeId }, { db, staff }) => {
  const t = await reissue(db, { attendeeId }, staff);
  revalidatePath("/admin/bookings", "layout");
  return { version: t.version };
});

/**
 * The booker's confirmation (invoice, booking PDF, tickets, calendar file) sent again, as the booking is now: for a
 * customer who lost it. `requestId` comes with the page, so a double click sends it once.
 */
export const resendConfirmation = staffAction(["admin", "finance"], z.object({ bookingId: uuidInput("booking"), requestId: z.uuid() }), async ({ bookingId, requestId }, { db, staff }) => {
  await resendBookingConfirmation(db, staff, { bookingId, requestId });
  revalidatePath("/admin/bookings", "layout");
  return null;
});

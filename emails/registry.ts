// Every email template by name, so that a message can be drawn on a render thread (lib/pdf/render-pool.ts)
// from its template's name and props, which cross to the thread as plain data where the element cannot.
import type { ComponentType } from "react";
import AdminCriticalRequirementEmail from "./admin-critical-requirement";
import AdminNewBookingEmail from "./admin-new-booking";
import AttendeePlaceEmail from "./attendee-place";
import BalanceReceiptEmail from "./balance-receipt";
import BalanceReminderEmail from "./balance-reminder";
import BookingChangedEmail from "./booking-changed";
import BookingConfirmationEmail from "./booking-confirmation";
import CustomerSignInEmail from "./customer-sign-in";
import LatePaymentRefundedEmail from "./late-payment-refunded";
import MemberNewSessionEmail from "./member-new-session";
import MemberPresaleOpenEmail from "./member-presale-open";
import RefundConfirmationEmail from "./refund-confirmation";
import { AdminBookingCancelledEmail, AttendeeCancelledEmail, BookingCancelledEmail, WaitlistJoinedEmail, WaitlistOfferEmail } from "./self-service";
import SessionChangedEmail from "./session-changed";
import SessionMessageEmail from "./session-message";
import SessionReminderEmail from "./session-reminder";
import StaffSignInEmail from "./staff-sign-in";

export const EMAIL_TEMPLATES = {
  "admin-critical-requirement": AdminCriticalRequirementEmail,
  "admin-new-booking": AdminNewBookingEmail,
  "attendee-place": AttendeePlaceEmail,
  "balance-receipt": BalanceReceiptEmail,
  "balance-reminder": BalanceReminderEmail,
  "booking-changed": BookingChangedEmail,
  "booking-confirmation": BookingConfirmationEmail,
  "customer-sign-in": CustomerSignInEmail,
  "late-payment-refunded": LatePaymentRefundedEmail,
  "member-new-session": MemberNewSessionEmail,
  "member-presale-open": MemberPresaleOpenEmail,
  "refund-confirmation": RefundConfirmationEmail,
  "admin-booking-cancelled": AdminBookingCancelledEmail,
  "attendee-cancelled": AttendeeCancelledEmail,
  "booking-cancelled": BookingCancelledEmail,
  "waitlist-joined": WaitlistJoinedEmail,
  "waitlist-offer": WaitlistOfferEmail,
  "session-changed": SessionChangedEmail,
  "session-message": SessionMessageEmail,
  "session-reminder": SessionReminderEmail,
  "staff-sign-in": StaffSignInEmail,
} as const satisfies Record<string, ComponentType<never>>;

export type EmailTemplateName = keyof typeof EMAIL_TEMPLATES;

const names = new Map<unknown, EmailTemplateName>(Object.entries(EMAIL_TEMPLATES).map(([name, component]) => [component, name as EmailTemplateName]));

/** The name of the template an element draws, or null for a message composed from parts. */
export function emailTemplateName(component: unknown): EmailTemplateName | null {
  return names.get(component) ?? null;
}

// To the booker when their payment could not be kept: it arrived after the places were no longer held and the
// session had filled meanwhile, or after staff moved or cancelled the session and so stopped the checkout. The
// payment is refunded in full automatically; this says what happened and when the money is back.
import { Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./components/layout";
import { ActionButton, Facts } from "./components/parts";

/** Why the payment could not be kept: the session filled up, or staff moved or cancelled it during checkout. */
export type LatePaymentReason = "filled" | "moved" | "cancelled" | "released";

export type LatePaymentRefundedEmailProps = {
  why: LatePaymentReason;
  sellerName: string;
  bookerName: string;
  reference: string;
  course: string;
  when: string;
  places: number;
  refundAmount: string;
  heldUntil: string;
  paidAt: string;
  coursesUrl: string;
};

const headings: Record<LatePaymentReason, string> = {
  filled: "We could not keep your places",
  moved: "The session moved while you were paying",
  cancelled: "The session was cancelled while you were paying",
  released: "Your checkout had been cancelled",
};

export default function LatePaymentRefundedEmail(p: LatePaymentRefundedEmailProps) {
  const places = p.places === 1 ? "your place" : `your ${p.places} places`;
  return (
    <EmailLayout sellerName={p.sellerName} preview={`Your payment for booking ${p.reference} is being refunded`} heading={headings[p.why]}>
      <Text style={paragraph}>Hello {p.bookerName},</Text>
      {p.why === "filled" && (
        <Text style={paragraph}>
          We held {places} on {p.course} ({p.when}) until {p.heldUntil} while you paid.
          Your payment reached us at {p.paidAt}, after that hold had ended, and by then the session had filled up, so booking {p.reference} could
          not be confirmed.
        </Text>
      )}
      {p.why === "moved" && (
        <Text style={paragraph}>
          While you were paying for {places} on {p.course}, we moved the session to another time or place: it is now {p.when}. You had chosen
          it as it was, so we stopped your checkout rather than book you for a time you had not chosen. Your payment reached us at {p.paidAt},
          after that, so booking {p.reference} was not confirmed. If the new time suits you, you are welcome to book it again.
        </Text>
      )}
      {p.why === "cancelled" && (
        <Text style={paragraph}>
          While you were paying for {places} on {p.course} ({p.when}), we cancelled the session, so we stopped your checkout. Your payment
          reached us at {p.paidAt}, after that, so booking {p.reference} was not confirmed.
        </Text>
      )}
      {p.why === "released" && (
        <Text style={paragraph}>
          The checkout for {places} on {p.course} ({p.when}) was cancelled where you booked, and the places were given back. Your payment
          reached us at {p.paidAt}, after that, so booking {p.reference} was not confirmed.
        </Text>
      )}
      <Text style={paragraph}>
        We are refunding the full {p.refundAmount} to the card you paid with; you do not need to do anything. Banks usually show a refund
        within 5 to 10 working days. No invoice was issued for this booking.
      </Text>
      <Facts rows={[
        { label: "Refund", value: p.refundAmount, strong: true },
        { label: "Booking", value: `${p.reference} (not confirmed)` },
        ...(p.why === "filled" ? [{ label: "Places held until", value: p.heldUntil }] : []),
        { label: "Payment received", value: p.paidAt },
      ]} />
      <ActionButton href={p.coursesUrl}>{p.why === "moved" ? "See the session and book again" : "Find another session"}</ActionButton>
    </EmailLayout>
  );
}

LatePaymentRefundedEmail.PreviewProps = {
  why: "filled",
  sellerName: "Turnout Training Ltd",
  bookerName: "Pat Booker",
  reference: "TRN-AB12-CD34",
  course: "First Aid at Work",
  when: "Fri, 11 Dec 2026, 09:30–16:30 GMT",
  places: 2,
  refundAmount: "£570.00",
  heldUntil: "Tue, 1 Dec 2026, 14:30 GMT",
  paidAt: "Tue, 1 Dec 2026, 14:52",
  coursesUrl: "https://turnout.example/courses",
} satisfies LatePaymentRefundedEmailProps;

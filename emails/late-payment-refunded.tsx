// To the booker when their payment arrived after the places were no longer held and the session had filled
// meanwhile: the payment is refunded in full automatically; this says what happened and when the money is back.
import { Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./components/layout";
import { ActionButton, Facts } from "./components/parts";

export type LatePaymentRefundedEmailProps = {
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

export default function LatePaymentRefundedEmail(p: LatePaymentRefundedEmailProps) {
  return (
    <EmailLayout sellerName={p.sellerName} preview={`Your payment for booking ${p.reference} is being refunded`} heading="We could not keep your places">
      <Text style={paragraph}>Hello {p.bookerName},</Text>
      <Text style={paragraph}>
        We held {p.places === 1 ? "your place" : `your ${p.places} places`} on {p.course} ({p.when}) until {p.heldUntil} while you paid.
        Your payment reached us at {p.paidAt}, after that hold had ended, and by then the session had filled up, so booking {p.reference} could
        not be confirmed.
      </Text>
      <Text style={paragraph}>
        We are refunding the full {p.refundAmount} to the card you paid with; you do not need to do anything. Banks usually show a refund
        within 5 to 10 working days. No invoice was issued for this booking.
      </Text>
      <Facts rows={[
        { label: "Refund", value: p.refundAmount, strong: true },
        { label: "Booking", value: `${p.reference} (not confirmed)` },
        { label: "Places held until", value: p.heldUntil },
        { label: "Payment received", value: p.paidAt },
      ]} />
      <ActionButton href={p.coursesUrl}>Find another session</ActionButton>
    </EmailLayout>
  );
}

LatePaymentRefundedEmail.PreviewProps = {
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

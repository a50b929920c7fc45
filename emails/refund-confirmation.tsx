// To the booker when a refund has been made (to their card, or by bank transfer), with the credit note attached.
import { Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./components/layout";
import { ActionButton, Facts } from "./components/parts";

export type RefundConfirmationEmailProps = {
  sellerName: string;
  bookerName: string;
  reference: string;
  creditNoteNumber: string;
  invoiceNumber: string;
  refundAmount: string;
  creditAmount: string;
  cancelledPlaces: string[];
  stillOwed: string | null;
  reason: string;
  bookingUrl: string;
  /** Where the money went, as a phrase ("to the card you paid with; …"). */
  refundedHow: string;
};

export default function RefundConfirmationEmail(p: RefundConfirmationEmailProps) {
  return (
    <EmailLayout sellerName={p.sellerName} preview={`Refund of ${p.refundAmount} for booking ${p.reference}`} heading="Your refund is on its way">
      <Text style={paragraph}>Hello {p.bookerName},</Text>
      <Text style={paragraph}>
        We have refunded {p.refundAmount} for booking {p.reference} {p.refundedHow}. Credit note {p.creditNoteNumber} is attached.
      </Text>
      <Facts rows={[
        { label: "Refunded", value: p.refundAmount, strong: true },
        { label: "Credit note", value: `${p.creditNoteNumber} (${p.creditAmount}), against invoice ${p.invoiceNumber}` },
        ...(p.cancelledPlaces.length ? [{ label: "Places cancelled", value: p.cancelledPlaces.join(", ") }] : []),
        { label: "Reason", value: p.reason },
        ...(p.stillOwed ? [{ label: "Balance still due", value: p.stillOwed }] : []),
      ]} />
      <ActionButton href={p.bookingUrl}>See your booking</ActionButton>
    </EmailLayout>
  );
}

RefundConfirmationEmail.PreviewProps = {
  refundedHow: "to the card you paid with; banks usually show it within 5 to 10 working days",
  sellerName: "Turnout Training Ltd",
  bookerName: "Pat Booker",
  reference: "TRN-AB12-CD34",
  creditNoteNumber: "CN-2026-00007",
  invoiceNumber: "INV-2026-00042",
  refundAmount: "£120.00",
  creditAmount: "£120.00",
  cancelledPlaces: ["Sam Lee"],
  stillOwed: null,
  reason: "Attendee can no longer come",
  bookingUrl: "https://turnout.example/bookings/TRN-AB12-CD34?token=preview",
} satisfies RefundConfirmationEmailProps;

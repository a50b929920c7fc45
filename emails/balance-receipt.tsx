// To the booker when the balance of a deposit booking arrives.
import { Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./components/layout";
import { ActionButton, Facts } from "./components/parts";

export type BalanceReceiptEmailProps = {
  sellerName: string;
  bookerName: string;
  reference: string;
  amount: string;
  receivedOn: string;
  invoiceNumber: string | null;
  course: string;
  when: string;
  totalPaid: string;
  stillOwed: string | null;
  bookingUrl: string;
};

export default function BalanceReceiptEmail(p: BalanceReceiptEmailProps) {
  return (
    <EmailLayout sellerName={p.sellerName} preview={`Payment received: ${p.amount} for booking ${p.reference}`} heading="Payment received, thank you">
      <Text style={paragraph}>Hello {p.bookerName},</Text>
      <Text style={paragraph}>
        We have received your payment of {p.amount} for booking {p.reference}.
        {p.stillOwed ? ` ${p.stillOwed} is still to pay.` : " Your booking is now paid in full."}
      </Text>
      <Facts rows={[
        { label: "Amount received", value: p.amount, strong: true },
        { label: "Received on", value: p.receivedOn },
        { label: "Invoice", value: p.invoiceNumber ?? "—" },
        { label: "Course", value: `${p.course}, ${p.when}` },
        { label: "Paid in total", value: p.totalPaid },
      ]} />
      <Text style={{ ...paragraph, fontSize: "14px", color: "#57534e" }}>
        This email is your receipt. The payment is recorded against invoice {p.invoiceNumber ?? "for this booking"}; the booking
        confirmation attached shows what has been paid.
      </Text>
      <ActionButton href={p.bookingUrl}>See your booking</ActionButton>
    </EmailLayout>
  );
}

BalanceReceiptEmail.PreviewProps = {
  sellerName: "Turnout Training Ltd",
  bookerName: "Pat Booker",
  reference: "TRN-AB12-CD34",
  amount: "£180.00",
  receivedOn: "Mon, 2 Mar 2026",
  invoiceNumber: "INV-2026-00042",
  course: "First Aid at Work",
  when: "Tue, 17 Mar 2026, 09:30–16:30 GMT",
  totalPaid: "£240.00",
  stillOwed: null,
  bookingUrl: "https://turnout.example/bookings/TRN-AB12-CD34?token=preview",
} satisfies BalanceReceiptEmailProps;

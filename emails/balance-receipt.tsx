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
  /** The invoices the payment is recorded against, with each one's share: the booking's own, and an invoice for
   * what was added (places, a longer time) issued with this payment. Empty when none is issued yet. */
  invoices: { number: string; amount: string }[];
  course: string;
  when: string;
  totalPaid: string;
  stillOwed: string | null;
  bookingUrl: string;
  /** Attendees whose places this payment paid for and ticketed now (places added to the booking); empty otherwise. */
  newlyTicketed?: string[];
};

/** "INV-2026-00006 (£285.00) and INV-2026-00005 (£400.00)", or one number alone. */
function invoiceText(p: BalanceReceiptEmailProps): string {
  if (p.invoices.length <= 1) return p.invoices[0]?.number ?? "";
  const parts = p.invoices.map((i) => `${i.number} (${i.amount})`);
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

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
        { label: p.invoices.length > 1 ? "Invoices" : "Invoice", value: invoiceText(p) || "—" },
        { label: "Course", value: `${p.course}, ${p.when}` },
        { label: "Paid in total", value: p.totalPaid },
      ]} />
      <Text style={{ ...paragraph, fontSize: "14px", color: "#57534e" }}>
        This email is your receipt. The payment is recorded against {p.invoices.length > 1 ? `invoices ${invoiceText(p)}` : `invoice ${p.invoices[0]?.number ?? "for this booking"}`};
        the booking confirmation attached shows what has been paid.
      </Text>
      {(p.newlyTicketed?.length ?? 0) > 0 && (
        <Text style={paragraph}>
          The tickets attached now include {p.newlyTicketed!.join(", ")}: show the QR codes at the door. Attendees who gave their own
          email address receive their ticket too.
        </Text>
      )}
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
  invoices: [{ number: "INV-2026-00042", amount: "£180.00" }],
  course: "First Aid at Work",
  when: "Tue, 17 Mar 2026, 09:30–16:30 GMT",
  totalPaid: "£240.00",
  stillOwed: null,
  bookingUrl: "https://turnout.example/bookings/TRN-AB12-CD34?token=preview",
} satisfies BalanceReceiptEmailProps;

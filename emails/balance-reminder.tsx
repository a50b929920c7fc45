// To the booker some days before the balance of a deposit booking is due.
import { Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./components/layout";
import { ActionButton, Callout, Facts } from "./components/parts";

export type BalanceReminderEmailProps = {
  sellerName: string;
  bookerName: string;
  reference: string;
  amount: string;
  /** null: the date has come (a move can bring it forward), so the balance is due now. */
  dueDate: string | null;
  course: string;
  when: string;
  invoiceNumber: string | null;
  payUrl: string;
  bankDetails: string | null;
};

export default function BalanceReminderEmail(p: BalanceReminderEmailProps) {
  const due = p.dueDate ? `due by ${p.dueDate}` : "due now";
  return (
    <EmailLayout sellerName={p.sellerName} preview={`${p.amount} is ${due} for booking ${p.reference}`} heading={p.dueDate ? "Your balance is due soon" : "Your balance is due"}>
      <Text style={paragraph}>Hello {p.bookerName},</Text>
      <Callout>The balance of <strong>{p.amount}</strong> for booking {p.reference} is {p.dueDate ? <>due by <strong>{p.dueDate}</strong></> : <strong>due now</strong>}.</Callout>
      <Facts rows={[
        { label: "Course", value: p.course },
        { label: "When", value: p.when },
        { label: "Invoice", value: p.invoiceNumber ?? "—" },
      ]} />
      <ActionButton href={p.payUrl}>{`Pay ${p.amount} now`}</ActionButton>
      {p.bankDetails && (
        <Text style={paragraph}>You can also pay by bank transfer to {p.bankDetails}, quoting {p.invoiceNumber ?? p.reference}.</Text>
      )}
      <Text style={{ ...paragraph, fontSize: "14px", color: "#57534e" }}>Already paid? Thank you: please ignore this reminder.</Text>
    </EmailLayout>
  );
}

BalanceReminderEmail.PreviewProps = {
  sellerName: "Turnout Training Ltd",
  bookerName: "Pat Booker",
  reference: "TRN-AB12-CD34",
  amount: "£180.00",
  dueDate: "Tue, 3 Mar 2026",
  course: "First Aid at Work",
  when: "Tue, 17 Mar 2026, 09:30–16:30 GMT",
  invoiceNumber: "INV-2026-00042",
  payUrl: "https://turnout.example/bookings/TRN-AB12-CD34?token=preview#balance",
  bankDetails: null,
} satisfies BalanceReminderEmailProps;

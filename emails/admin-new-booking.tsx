// To admins for every newly paid booking.
import { Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./components/layout";
import { ActionButton, Callout, Facts } from "./components/parts";

export type AdminNewBookingEmailProps = {
  sellerName: string;
  reference: string;
  course: string;
  when: string;
  venue: string;
  places: number;
  booker: string;
  contact: string;
  paid: string;
  total: string;
  paymentOption: "full" | "deposit";
  invoiceNumber: string | null;
  criticalCount: number;
  financeUrl: string;
};

export default function AdminNewBookingEmail(p: AdminNewBookingEmailProps) {
  return (
    <EmailLayout sellerName={p.sellerName} preview={`${p.places} place(s) on ${p.course}, ${p.paid} paid`} heading={`New booking ${p.reference}`}>
      {p.criticalCount > 0 && (
        <Callout tone="alert">This booking carries {p.criticalCount} critical requirement{p.criticalCount === 1 ? "" : "s"}: a separate alert gives the details.</Callout>
      )}
      <Facts rows={[
        { label: "Course", value: p.course, strong: true },
        { label: "When", value: p.when },
        { label: "Where", value: p.venue },
        { label: "Places", value: String(p.places) },
        { label: "Booked by", value: p.booker },
        { label: "Contact", value: p.contact },
        { label: p.paymentOption === "deposit" ? "Deposit paid" : "Paid", value: `${p.paid} of ${p.total}` },
        { label: "Invoice", value: p.invoiceNumber ?? "—" },
      ]} />
      <ActionButton href={p.financeUrl}>Open in the finance desk</ActionButton>
      <Text style={{ ...paragraph, fontSize: "14px", color: "#57534e" }}>You receive this because you are an administrator or on the alert list.</Text>
    </EmailLayout>
  );
}

AdminNewBookingEmail.PreviewProps = {
  sellerName: "Turnout Training Ltd",
  reference: "TRN-AB12-CD34",
  course: "First Aid at Work",
  when: "Tue, 17 Mar 2026, 09:30–16:30 GMT",
  venue: "Harbour Rooms, Bristol",
  places: 2,
  booker: "Pat Booker (Northwind Catering Ltd)",
  contact: "pat.booker@example.com, +44 20 7946 0001",
  paid: "£60.00",
  total: "£240.00",
  paymentOption: "deposit",
  invoiceNumber: "INV-2026-00042",
  criticalCount: 1,
  financeUrl: "https://turnout.example/admin/finance?q=TRN-AB12-CD34",
} satisfies AdminNewBookingEmailProps;

// To the booker when the booking is paid: the summary, with the invoice, the booking confirmation PDF and
// a calendar file attached.
import { Text } from "@react-email/components";
import { EmailLayout, paragraph, subheading } from "./components/layout";
import { ActionButton, Callout, Facts } from "./components/parts";

export type BookingConfirmationEmailProps = {
  sellerName: string;
  bookerName: string;
  reference: string;
  course: string;
  when: string;
  venue: string;
  attendees: { name: string; requirements: string[]; answers?: string[] }[];
  /** Answers to questions asked once per booking, as "Question: answer". */
  bookingAnswers?: string[];
  /**
   * With discounts (a code, an automatic rule, a member price, reward points): the places at list price and
   * what each discount took off them, as money ("£24.00"), shown before the total.
   */
  discounts?: { listPrice: string; lines: { label: string; amount: string }[] } | null;
  total: string;
  paid: string;
  balance: { amount: string; dueDate: string } | null;
  invoiceNumber: string | null;
  bookingUrl: string;
};

export default function BookingConfirmationEmail(p: BookingConfirmationEmailProps) {
  return (
    <EmailLayout sellerName={p.sellerName} preview={`Booking ${p.reference} is confirmed: ${p.course}, ${p.when}`} heading="Your booking is confirmed">
      <Text style={paragraph}>Hello {p.bookerName},</Text>
      <Text style={paragraph}>
        Thank you for booking {p.attendees.length === 1 ? "a place" : `${p.attendees.length} places`} on {p.course}.
        Your invoice{p.invoiceNumber ? ` (${p.invoiceNumber})` : ""}, a confirmation listing everyone attending, the tickets (one per page, each with a QR code to show at the door) and a calendar file are attached.
      </Text>
      <Facts rows={[
        { label: "Reference", value: p.reference, strong: true },
        { label: "Course", value: p.course },
        { label: "When", value: p.when },
        { label: "Where", value: p.venue },
      ]} />
      <Text style={subheading}>Attendees</Text>
      {p.attendees.map((a, i) => (
        <Text key={i} style={{ ...paragraph, margin: "0 0 8px" }}>
          <strong>{i + 1}. {a.name}</strong>
          <br />
          {a.requirements.length ? a.requirements.join("; ") : "No special requirements"}
          {a.answers?.map((x, j) => <span key={j}><br />{x}</span>)}
        </Text>
      ))}
      {p.bookingAnswers && p.bookingAnswers.length > 0 && (
        <>
          <Text style={subheading}>Your answers</Text>
          <Text style={paragraph}>{p.bookingAnswers.map((x, j) => <span key={j}>{j > 0 && <br />}{x}</span>)}</Text>
        </>
      )}
      <Text style={subheading}>Payment</Text>
      <Facts rows={[
        ...(p.discounts && p.discounts.lines.length > 0 ? [
          { label: "Places at list price", value: p.discounts.listPrice },
          ...p.discounts.lines.map((x) => ({ label: x.label, value: `−${x.amount}` })),
        ] : []),
        { label: "Total", value: p.total },
        { label: "Paid", value: p.paid },
        ...(p.balance ? [{ label: "Balance due", value: `${p.balance.amount} by ${p.balance.dueDate}`, strong: true }] : []),
      ]} />
      {p.balance && (
        <Callout>The balance of {p.balance.amount} is due by {p.balance.dueDate}. You can pay it from your booking page at any time before then.</Callout>
      )}
      <ActionButton href={p.bookingUrl}>{p.balance ? "See your booking and pay the balance" : "See your booking"}</ActionButton>
      <Text style={{ ...paragraph, fontSize: "14px", color: "#57534e" }}>
        Keep this email: the link above is your private link to the booking. Attendees who gave an email address receive the details of their own place.
      </Text>
    </EmailLayout>
  );
}

BookingConfirmationEmail.PreviewProps = {
  sellerName: "Turnout Training Ltd",
  bookerName: "Pat Booker",
  reference: "TRN-AB12-CD34",
  course: "First Aid at Work",
  when: "Tue, 17 Mar 2026, 09:30–16:30 GMT",
  venue: "Harbour Rooms, 1 Quay Street, Bristol BS1 4DJ",
  attendees: [
    { name: "Pat Booker", requirements: [] },
    { name: "Sam Lee", requirements: ["Severe allergy (Critical): peanuts; carries an EpiPen"], answers: ["Emergency contact: Jo Lee, 07700 900123", "Date of birth: answered (kept for staff only)"] },
  ],
  bookingAnswers: ["How did you hear about us?: A friend"],
  discounts: { listPrice: "£300.00", lines: [{ label: "Early bird", amount: "£30.00" }, { label: "Code SPRING10 (10%)", amount: "£27.00" }] },
  total: "£243.00",
  paid: "£60.00",
  balance: { amount: "£183.00", dueDate: "Tue, 3 Mar 2026" },
  invoiceNumber: "INV-2026-00042",
  bookingUrl: "https://turnout.example/bookings/TRN-AB12-CD34?token=preview",
} satisfies BookingConfirmationEmailProps;

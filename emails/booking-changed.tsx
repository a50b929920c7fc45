// After the booker (or an attendee) changed a booking online: what changed, the booking as it is now, and the
// tickets again (attached).
import { Text } from "@react-email/components";
import { EmailLayout, paragraph, subheading } from "./components/layout";
import { ActionButton, Facts } from "./components/parts";

export type BookingChangedEmailProps = {
  sellerName: string;
  name: string;
  reference: string;
  course: string;
  when: string;
  venue: string;
  changes: string[];
  attendees: string[];
  /**
   * Still to pay after the change, formatted, and by when; null when nothing is owed. `dueNow`: its date has come
   * (a move to a session whose balance date has passed), so it reads "due now" rather than a day gone by.
   */
  balance: { amount: string; dueDate: string | null; dueNow?: boolean } | null;
  /** The booking page (booker only). */
  url: string | null;
  /** Made by staff (the box office), not by the person reading. */
  byStaff?: boolean;
  /** Tickets are attached (none yet for places not paid for). */
  ticketsAttached?: boolean;
  /** Some places are not yet paid for: their tickets follow the payment. */
  awaitingPayment?: boolean;
};

export default function BookingChangedEmail(p: BookingChangedEmailProps) {
  return (
    <EmailLayout sellerName={p.sellerName} preview={`Booking ${p.reference} has changed`} heading="Your booking has changed">
      <Text style={paragraph}>Hello {p.name},</Text>
      <Text style={paragraph}>{p.changes.join(". ")}.
        {p.ticketsAttached !== false && " The tickets attached are your current ones: show their QR codes at the door."}
        {p.awaitingPayment && " Tickets for places not yet paid for are sent once they are paid."}</Text>
      <Facts rows={[
        { label: "Course", value: p.course, strong: true },
        { label: "When", value: p.when },
        { label: "Where", value: p.venue },
        { label: "Booking reference", value: p.reference },
        ...(p.balance ? [{ label: "Still to pay", value: p.balance.dueNow ? `${p.balance.amount}, due now` : p.balance.dueDate ? `${p.balance.amount}, due by ${p.balance.dueDate}` : p.balance.amount, strong: true }] : []),
      ]} />
      <Text style={subheading}>Attendees</Text>
      {p.attendees.map((a) => <Text key={a} style={paragraph}>{a}</Text>)}
      {p.url && <ActionButton href={p.url}>{p.balance ? "See your booking and pay" : "See your booking"}</ActionButton>}
      <Text style={paragraph}>{p.byStaff
        ? "Our box office made this change. If anything is not as you expect, reply to this email quoting the booking reference."
        : "If you did not make this change, reply to this email quoting the booking reference."}</Text>
    </EmailLayout>
  );
}

BookingChangedEmail.PreviewProps = {
  sellerName: "Turnout Training Ltd",
  name: "Alex Morgan",
  reference: "TRN-AB12-CD34",
  course: "First Aid at Work",
  when: "Tuesday 12 January 2027, 09:30–16:30",
  venue: "Riverside Training Centre, 12 Wharf Road, London N1 7GR",
  changes: ["Attendee details or needs were changed"],
  attendees: ["Sam Lee (Nut allergy (Critical): peanuts)"],
  balance: null,
  url: "http://localhost:3000/bookings/TRN-AB12-CD34?token=preview",
} satisfies BookingChangedEmailProps;

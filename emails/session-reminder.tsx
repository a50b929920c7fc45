// To the booker the day before their session or time slot: when, where, who is coming, and where the tickets are.
import { Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./components/layout";
import { ActionButton, Callout, Facts } from "./components/parts";

export type SessionReminderEmailProps = {
  sellerName: string;
  bookerName: string;
  reference: string;
  course: string;
  when: string;
  where: string;
  attendees: string[];
  /** Still owed on the booking (a deposit's balance), with the page to pay it; null when paid in full. */
  owed: string | null;
  bookingUrl: string;
};

export default function SessionReminderEmail(p: SessionReminderEmailProps) {
  return (
    <EmailLayout sellerName={p.sellerName} preview={`${p.course}: ${p.when}`} heading="See you soon">
      <Text style={paragraph}>Hello {p.bookerName},</Text>
      <Text style={paragraph}>A reminder of your booking {p.reference}: {p.course} is coming up.</Text>
      <Facts rows={[
        { label: "When", value: p.when, strong: true },
        { label: "Where", value: p.where },
        { label: p.attendees.length === 1 ? "Attendee" : `Attendees (${p.attendees.length})`, value: p.attendees.join(", ") },
      ]} />
      {p.owed && <Callout tone="alert">The balance of <strong>{p.owed}</strong> is still to pay: you can pay it from your booking page.</Callout>}
      <Text style={paragraph}>Each attendee&apos;s ticket, with its QR code for the door, is on your booking page; the PDF from your confirmation works too.</Text>
      <ActionButton href={p.bookingUrl}>View your booking and tickets</ActionButton>
      <Text style={{ ...paragraph, fontSize: "14px", color: "#57534e" }}>Cannot come after all? Your booking page says what you can still change or cancel.</Text>
    </EmailLayout>
  );
}

SessionReminderEmail.PreviewProps = {
  sellerName: "Turnout Training Ltd",
  bookerName: "Pat Booker",
  reference: "TRN-AB12-CD34",
  course: "First Aid at Work",
  when: "Tue, 17 Mar 2026, 09:30–16:30 GMT",
  where: "Harbour Hall, 1 Quay Street, Bristol BS1 4DJ",
  attendees: ["Pat Booker", "Sam Lee"],
  owed: null,
  bookingUrl: "https://turnout.example/bookings/TRN-AB12-CD34?token=preview",
} satisfies SessionReminderEmailProps;

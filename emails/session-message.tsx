// Staff's own message to everyone booked on a session (a room change, what to bring), with the session's facts.
import { Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./components/layout";
import { ActionButton, Facts } from "./components/parts";

export type SessionMessageEmailProps = {
  sellerName: string;
  bookerName: string;
  subject: string;
  /** Paragraphs as staff wrote them (blank lines apart). */
  paragraphs: string[];
  course: string;
  when: string;
  where: string;
  reference: string;
  bookingUrl: string;
};

export default function SessionMessageEmail(p: SessionMessageEmailProps) {
  return (
    <EmailLayout sellerName={p.sellerName} preview={p.paragraphs[0] ?? p.subject} heading={p.subject}>
      <Text style={paragraph}>Hello {p.bookerName},</Text>
      {p.paragraphs.map((text, i) => <Text key={i} style={{ ...paragraph, whiteSpace: "pre-line" }}>{text}</Text>)}
      <Facts rows={[
        { label: "Your booking", value: `${p.course} (${p.reference})` },
        { label: "When", value: p.when },
        { label: "Where", value: p.where },
      ]} />
      <ActionButton href={p.bookingUrl}>View your booking</ActionButton>
      <Text style={{ ...paragraph, fontSize: "14px", color: "#57534e" }}>You are receiving this because you booked this session.</Text>
    </EmailLayout>
  );
}

SessionMessageEmail.PreviewProps = {
  sellerName: "Turnout Training Ltd",
  bookerName: "Pat Booker",
  subject: "Room change for Tuesday",
  paragraphs: ["Tuesday's session moves to Room 2 on the first floor, up the main stairs or by the lift beside reception.", "Everything else stays as booked."],
  course: "First Aid at Work",
  when: "Tue, 17 Mar 2026, 09:30–16:30 GMT",
  where: "Harbour Hall, 1 Quay Street, Bristol BS1 4DJ",
  reference: "TRN-AB12-CD34",
  bookingUrl: "https://turnout.example/bookings/TRN-AB12-CD34?token=preview",
} satisfies SessionMessageEmailProps;

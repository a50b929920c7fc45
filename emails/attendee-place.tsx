// To an attendee other than the booker: their own place only, never anyone else's details.
import { Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./components/layout";
import { Facts } from "./components/parts";

export type AttendeePlaceEmailProps = {
  sellerName: string;
  attendeeName: string;
  reference: string;
  course: string;
  when: string;
  venue: string;
  /** Ticket type and seat, when they say something ("VIP · Stalls, row A, seat 3"). */
  place?: string | null;
  requirements: string[];
};

export default function AttendeePlaceEmail(p: AttendeePlaceEmailProps) {
  return (
    <EmailLayout sellerName={p.sellerName} preview={`You have a place: ${p.course}, ${p.when}`} heading={`You have a place: ${p.course}`}>
      <Text style={paragraph}>Hello {p.attendeeName},</Text>
      <Text style={paragraph}>A place has been booked for you. Your ticket is attached: show its QR code at the door. A calendar file is attached too.</Text>
      <Facts rows={[
        { label: "Course", value: p.course, strong: true },
        { label: "When", value: p.when },
        { label: "Where", value: p.venue },
        ...(p.place ? [{ label: "Your ticket", value: p.place, strong: true }] : []),
        { label: "Booking reference", value: p.reference },
        { label: "Your requirements", value: p.requirements.length ? p.requirements.join("; ") : "None given" },
      ]} />
      <Text style={paragraph}>If your requirements have changed, or you can no longer attend, please reply to this email quoting the booking reference.</Text>
    </EmailLayout>
  );
}

AttendeePlaceEmail.PreviewProps = {
  sellerName: "Turnout Training Ltd",
  attendeeName: "Sam Lee",
  reference: "TRN-AB12-CD34",
  course: "First Aid at Work",
  when: "Tue, 17 Mar 2026, 09:30–16:30 GMT",
  venue: "Harbour Rooms, 1 Quay Street, Bristol BS1 4DJ",
  requirements: ["Vegan meals (Standard)"],
} satisfies AttendeePlaceEmailProps;

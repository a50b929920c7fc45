// Staff moved a session to another time or place: every booker (and each attendee with their own address) hears
// when and where it is now, with the calendar event updated. Tickets stay valid: they belong to the place.
import { Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./components/layout";
import { ActionButton, Callout, Facts } from "./components/parts";

export type SessionChangedEmailProps = {
  sellerName: string;
  name: string;
  reference: string;
  course: string;
  when: string;
  venue: string;
  /** As it was, only where it changed. */
  wasWhen: string | null;
  wasVenue: string | null;
  /** The booking page (booker only). */
  url: string | null;
};

export default function SessionChangedEmail(p: SessionChangedEmailProps) {
  const what = p.wasWhen && p.wasVenue ? "time and place" : p.wasWhen ? "time" : "place";
  return (
    <EmailLayout sellerName={p.sellerName} preview={`${p.course} has a new ${what}: ${p.when}`} heading={`New ${what} for your course`}>
      <Text style={paragraph}>Hello {p.name},</Text>
      <Callout>
        {p.course} now takes place on {p.when} at {p.venue}.
      </Callout>
      <Facts rows={[
        { label: "Course", value: p.course, strong: true },
        { label: "When", value: p.when, strong: Boolean(p.wasWhen) },
        ...(p.wasWhen ? [{ label: "Was", value: p.wasWhen }] : []),
        { label: "Where", value: p.venue, strong: Boolean(p.wasVenue) },
        ...(p.wasVenue ? [{ label: "Was at", value: p.wasVenue }] : []),
        { label: "Booking reference", value: p.reference },
      ]} />
      <Text style={paragraph}>
        Your tickets stay valid: show the same QR codes at the door. The calendar file attached replaces the event in your calendar.
      </Text>
      {p.url && <ActionButton href={p.url}>See your booking</ActionButton>}
      <Text style={paragraph}>If the new {what} does not suit you, reply to this email quoting the booking reference.</Text>
    </EmailLayout>
  );
}

SessionChangedEmail.PreviewProps = {
  sellerName: "Turnout Training Ltd",
  name: "Alex Morgan",
  reference: "TRN-AB12-CD34",
  course: "First Aid at Work",
  when: "Tue, 19 Jan 2027, 09:30–16:30 GMT",
  venue: "Harbour Rooms, 1 Quay Street, Bristol BS1 4DJ",
  wasWhen: "Tue, 12 Jan 2027, 09:30–16:30 GMT",
  wasVenue: null,
  url: "http://localhost:3000/bookings/TRN-AB12-CD34?token=preview",
} satisfies SessionChangedEmailProps;

// To admins at once when a paid booking carries a Critical requirement: who, what, and whom to call.
import { Text } from "@react-email/components";
import { EmailLayout, paragraph, subheading } from "./components/layout";
import { Callout, Facts } from "./components/parts";

export type AdminCriticalRequirementEmailProps = {
  sellerName: string;
  reference: string;
  course: string;
  when: string;
  venue: string;
  booker: string;
  contact: string;
  items: { attendee: string; requirement: string; details: string | null }[];
};

export default function AdminCriticalRequirementEmail(p: AdminCriticalRequirementEmailProps) {
  return (
    <EmailLayout sellerName={p.sellerName} preview={`Critical: ${p.items.map((i) => i.requirement).join(", ")} on ${p.course}, ${p.when}`}
      heading="Critical requirement: action needed">
      <Callout tone="alert">
        Booking {p.reference} for {p.course} on {p.when} includes {p.items.length === 1 ? "an attendee" : "attendees"} with a critical requirement.
        Check the venue and plan for it before the session.
      </Callout>
      <Text style={subheading}>Requirements</Text>
      {p.items.map((i, n) => (
        <Text key={n} style={{ ...paragraph, margin: "0 0 10px" }}>
          <strong>{i.attendee}</strong>: {i.requirement}{i.details ? `. ${i.details}` : ""}
        </Text>
      ))}
      <Facts rows={[
        { label: "Session", value: `${p.course}, ${p.when}` },
        { label: "Where", value: p.venue },
        { label: "Booked by", value: p.booker },
        { label: "Contact", value: p.contact, strong: true },
      ]} />
    </EmailLayout>
  );
}

AdminCriticalRequirementEmail.PreviewProps = {
  sellerName: "Turnout Training Ltd",
  reference: "TRN-AB12-CD34",
  course: "First Aid at Work",
  when: "Tue, 17 Mar 2026, 09:30–16:30 GMT",
  venue: "Harbour Rooms, Bristol",
  booker: "Pat Booker (Northwind Catering Ltd)",
  contact: "pat.booker@example.com, +44 20 7946 0001",
  items: [{ attendee: "Sam Lee", requirement: "Severe allergy", details: "Peanuts; carries an EpiPen" }],
} satisfies AdminCriticalRequirementEmailProps;

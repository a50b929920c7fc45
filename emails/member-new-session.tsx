// To fan-club members when staff open a new session of a course (or a weekly series of them, in one email); it
// carries a one-click opt-out link.
import { Link, Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./components/layout";
import { ActionButton, Facts } from "./components/parts";

export type MemberNewSessionEmailProps = {
  sellerName: string;
  memberName: string | null;
  course: string;
  /** Each new session's date and times, in date order. */
  dates: string[];
  venue: string;
  courseUrl: string;
  optOutUrl: string;
};

export default function MemberNewSessionEmail(p: MemberNewSessionEmailProps) {
  const several = p.dates.length > 1;
  return (
    <EmailLayout sellerName={p.sellerName} preview={`${several ? "New dates" : "New date"} for ${p.course}`}
      heading={`${several ? `${p.dates.length} new dates` : "New date"}: ${p.course}`}
      footer={<Text style={{ ...paragraph, fontSize: "14px" }}>You get this as a member. <Link href={p.optOutUrl}>Stop these member emails</Link>.</Text>}>
      <Text style={paragraph}>Hello{p.memberName ? ` ${p.memberName}` : ""},</Text>
      <Text style={paragraph}>
        As a member you hear first: {several ? `${p.dates.length} new sessions` : "a new session"} of {p.course} {several ? "are" : "is"} open for booking.
      </Text>
      <Facts rows={[
        { label: "Course", value: p.course, strong: true },
        ...p.dates.map((d, i) => ({ label: several ? `Date ${i + 1}` : "When", value: d })),
        { label: "Where", value: p.venue },
      ]} />
      <ActionButton href={p.courseUrl}>See the dates and book</ActionButton>
    </EmailLayout>
  );
}

MemberNewSessionEmail.PreviewProps = {
  sellerName: "Turnout Training Ltd",
  memberName: "Pat",
  course: "First Aid at Work",
  dates: ["Fri, 11 Dec 2026, 09:30–16:30 GMT"],
  venue: "Riverside Centre, London",
  courseUrl: "https://turnout.example/courses/first-aid-at-work",
  optOutUrl: "https://turnout.example/members/00000000-0000-0000-0000-000000000000/opt-out?token=x",
} satisfies MemberNewSessionEmailProps;

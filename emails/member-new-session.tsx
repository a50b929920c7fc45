// To fan-club members when staff open a new session of a course; it carries a one-click opt-out link.
import { Link, Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./components/layout";
import { ActionButton, Facts } from "./components/parts";

export type MemberNewSessionEmailProps = {
  sellerName: string;
  memberName: string | null;
  course: string;
  when: string;
  venue: string;
  courseUrl: string;
  optOutUrl: string;
};

export default function MemberNewSessionEmail(p: MemberNewSessionEmailProps) {
  return (
    <EmailLayout sellerName={p.sellerName} preview={`New date for ${p.course}`} heading={`New date: ${p.course}`}
      footer={<Text style={{ ...paragraph, fontSize: "14px" }}>You get this as a member. <Link href={p.optOutUrl}>Stop these member emails</Link>.</Text>}>
      <Text style={paragraph}>Hello{p.memberName ? ` ${p.memberName}` : ""},</Text>
      <Text style={paragraph}>As a member you hear first: a new session of {p.course} is open for booking.</Text>
      <Facts rows={[{ label: "Course", value: p.course, strong: true }, { label: "When", value: p.when }, { label: "Where", value: p.venue }]} />
      <ActionButton href={p.courseUrl}>See the dates and book</ActionButton>
    </EmailLayout>
  );
}

MemberNewSessionEmail.PreviewProps = {
  sellerName: "Turnout Training Ltd",
  memberName: "Pat",
  course: "First Aid at Work",
  when: "Fri, 11 Dec 2026, 09:30–16:30 GMT",
  venue: "Riverside Centre, London",
  courseUrl: "https://turnout.example/courses/first-aid-at-work",
  optOutUrl: "https://turnout.example/members/00000000-0000-0000-0000-000000000000/opt-out?token=x",
} satisfies MemberNewSessionEmailProps;

// To fan-club members when a members-only presale opens (of their level); it carries a one-click opt-out link.
import { Link, Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./components/layout";
import { ActionButton, Facts } from "./components/parts";

export type MemberPresaleOpenEmailProps = {
  sellerName: string;
  memberName: string | null;
  /** The course, or "course: ticket type" for a presale of one ticket type. */
  what: string;
  until: string;
  courseUrl: string;
  optOutUrl: string;
};

export default function MemberPresaleOpenEmail(p: MemberPresaleOpenEmailProps) {
  return (
    <EmailLayout sellerName={p.sellerName} preview={`Members' presale open: ${p.what}`} heading={`Members' presale: ${p.what}`}
      footer={<Text style={{ ...paragraph, fontSize: "14px" }}>You get this as a member. <Link href={p.optOutUrl}>Stop these member emails</Link>.</Text>}>
      <Text style={paragraph}>Hello{p.memberName ? ` ${p.memberName}` : ""},</Text>
      <Text style={paragraph}>
        The members&apos; presale for {p.what} is open: until it ends, only members can book. Verify your membership email
        at checkout to book.
      </Text>
      <Facts rows={[{ label: "Presale for", value: p.what, strong: true }, { label: "Open until", value: p.until }]} />
      <ActionButton href={p.courseUrl}>Book in the presale</ActionButton>
    </EmailLayout>
  );
}

MemberPresaleOpenEmail.PreviewProps = {
  sellerName: "Turnout Training Ltd",
  memberName: "Pat",
  what: "Spring Concert: VIP",
  until: "Fri, 11 Dec 2026, 18:00 GMT",
  courseUrl: "https://turnout.example/courses/spring-concert",
  optOutUrl: "https://turnout.example/members/00000000-0000-0000-0000-000000000000/opt-out?token=x",
} satisfies MemberPresaleOpenEmailProps;

// The staff sign-in link: one link, valid for a short time, usable once.
import { Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./components/layout";
import { ActionButton } from "./components/parts";

export type StaffSignInEmailProps = { sellerName: string; url: string; minutes: number };

export default function StaffSignInEmail(p: StaffSignInEmailProps) {
  return (
    <EmailLayout sellerName={p.sellerName} preview="Your sign-in link for Turnout's staff pages" heading="Sign in to Turnout">
      <Text style={paragraph}>Someone (hopefully you) asked to sign in to Turnout&apos;s staff pages with this email address.</Text>
      <ActionButton href={p.url}>Sign in to Turnout</ActionButton>
      <Text style={paragraph}>The link works once and expires in {p.minutes} minutes. If you did not ask for it, ignore this email.</Text>
    </EmailLayout>
  );
}

StaffSignInEmail.PreviewProps = {
  sellerName: "Turnout Training Ltd",
  url: "http://localhost:3000/api/auth/callback/email?token=preview&email=admin%40example.com",
  minutes: 15,
} satisfies StaffSignInEmailProps;

// The "my bookings" sign-in link: one link, valid for a short time, usable once.
import { Text } from "@react-email/components";
import { EmailLayout, paragraph } from "./components/layout";
import { ActionButton } from "./components/parts";

export type CustomerSignInEmailProps = {
  sellerName: string; url: string; minutes: number;
  /** Asked for from the booking wizard (a member verifying their email): the link leads back to the booking. */
  checkout?: boolean;
};

export default function CustomerSignInEmail(p: CustomerSignInEmailProps) {
  if (p.checkout)
    return (
      <EmailLayout sellerName={p.sellerName} preview="Your link to verify your email and continue your booking" heading="Verify your email">
        <Text style={paragraph}>Someone (hopefully you) asked to verify this email address while booking, for member prices and reward points.</Text>
        <ActionButton href={p.url}>Verify and continue booking</ActionButton>
        <Text style={paragraph}>The link works once and expires in {p.minutes} minutes. It also opens your bookings. If you did not ask for it, ignore this email: nothing changes.</Text>
      </EmailLayout>
    );
  return (
    <EmailLayout sellerName={p.sellerName} preview="Your link to see and change your bookings" heading="Your bookings">
      <Text style={paragraph}>Someone (hopefully you) asked to see the bookings made with this email address, or where it is given for an attendee.</Text>
      <ActionButton href={p.url}>See my bookings</ActionButton>
      <Text style={paragraph}>The link works once and expires in {p.minutes} minutes. If you did not ask for it, ignore this email: nothing changes.</Text>
    </EmailLayout>
  );
}

CustomerSignInEmail.PreviewProps = {
  sellerName: "Turnout Training Ltd",
  url: "http://localhost:3000/my-bookings/sign-in?token=preview",
  minutes: 15,
} satisfies CustomerSignInEmailProps;

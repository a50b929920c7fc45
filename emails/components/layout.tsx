// The frame of every email: a brand bar, one readable column (full width on a phone, 600px at most
// elsewhere), and a footer naming the sender.
import { Body, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

export const brand = { 50: "#eef6f4", 100: "#d5ebe5", 600: "#0f6b5c", 700: "#0b5549", 800: "#08413a", accent: "#e0892b" };

const font = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export function EmailLayout({ preview, heading, sellerName, children, footer }: {
  preview: string;
  heading: string;
  sellerName: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <Html lang="en-GB">
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="x-apple-disable-message-reformatting" />
        {/* What a screen reader announces first, and a mail program or browser shows when the email is opened alone. */}
        <title>{`${heading} · ${sellerName}`}</title>
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ margin: 0, padding: 0, backgroundColor: "#f5f5f4", fontFamily: font, color: "#1c1917" }}>
        <Container style={{ width: "100%", maxWidth: "600px", margin: "0 auto", backgroundColor: "#ffffff" }}>
          <Section style={{ backgroundColor: brand[700], padding: "16px 24px" }}>
            <Text style={{ margin: 0, color: "#ffffff", fontSize: "18px", fontWeight: 700 }}>{sellerName}</Text>
          </Section>
          <Section style={{ padding: "8px 24px 24px" }}>
            <Heading as="h1" style={{ fontSize: "22px", lineHeight: "28px", color: brand[800], margin: "20px 0 12px" }}>{heading}</Heading>
            {children}
          </Section>
          <Hr style={{ borderColor: "#e7e5e4", margin: 0 }} />
          <Section style={{ padding: "16px 24px 24px" }}>
            {footer}
            <Text style={{ fontSize: "12px", lineHeight: "18px", color: "#78716c", margin: "8px 0 0" }}>
              Sent by {sellerName}. Questions? Reply to this email.
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

export const paragraph = { fontSize: "16px", lineHeight: "24px", margin: "0 0 14px" } as const;
export const subheading = { fontSize: "17px", lineHeight: "24px", fontWeight: 700, color: brand[800], margin: "22px 0 8px" } as const;

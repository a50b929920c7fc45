import { createElement } from "react";
import { describe, expect, it } from "vitest";
import AdminCriticalRequirementEmail from "@/emails/admin-critical-requirement";
import AdminNewBookingEmail from "@/emails/admin-new-booking";
import AttendeePlaceEmail from "@/emails/attendee-place";
import BalanceReceiptEmail from "@/emails/balance-receipt";
import BalanceReminderEmail from "@/emails/balance-reminder";
import BookingConfirmationEmail from "@/emails/booking-confirmation";
import LatePaymentRefundedEmail from "@/emails/late-payment-refunded";
import RefundConfirmationEmail from "@/emails/refund-confirmation";
import SessionChangedEmail from "@/emails/session-changed";
import { renderEmail } from "./deliver";

const templates = {
  "booking confirmation": [BookingConfirmationEmail, "Your booking is confirmed"],
  "attendee place": [AttendeePlaceEmail, "You have a place: First Aid at Work"],
  "balance receipt": [BalanceReceiptEmail, "Payment received, thank you"],
  "balance reminder": [BalanceReminderEmail, "Your balance is due soon"],
  "refund confirmation": [RefundConfirmationEmail, "Your refund is on its way"],
  "late payment refunded": [LatePaymentRefundedEmail, "We could not keep your places"],
  "admin new booking": [AdminNewBookingEmail, "New booking TRN-AB12-CD34"],
  "admin critical requirement": [AdminCriticalRequirementEmail, "Critical requirement: action needed"],
  "session changed": [SessionChangedEmail, "New time for your course"],
} as const;

describe("email templates", () => {
  for (const [name, [Template, heading]] of Object.entries(templates)) {
    it(`${name}: renders HTML for narrow screens and a readable text part from its preview props`, async () => {
      const Component = Template as unknown as ((p: object) => React.ReactElement) & { PreviewProps: object };
      const { html, text } = await renderEmail(createElement(Component, Component.PreviewProps));
      expect(html).toContain('name="viewport"');
      expect(html).toMatch(/<html[^>]* lang="en-GB"/);
      expect(html).toMatch(new RegExp(`<title>${heading.replaceAll("&", "&amp;")} · \\S.*</title>`));
      expect(html).toContain("max-width:600px");
      expect(html).toContain(heading.replaceAll("&", "&amp;"));
      expect(text).toContain(heading);
      expect(text).not.toMatch(/undefined|null|\[object Object\]/);
      expect(text).not.toContain("<");
      expect(text.match(new RegExp(heading, "g"))).toHaveLength(1);
    });
  }

  it("keeps each fact's label and value apart in the text part", async () => {
    const { reference } = BookingConfirmationEmail.PreviewProps;
    const { text } = await renderEmail(createElement(BookingConfirmationEmail, BookingConfirmationEmail.PreviewProps));
    expect(text).toContain(`Reference\n${reference}`);
    expect(text).not.toContain(`Reference${reference}`);
    expect(text).toMatch(/^Total\n£/m);
  });

  it("shows each discount between the list price and the total", async () => {
    const props = BookingConfirmationEmail.PreviewProps;
    const { html, text } = await renderEmail(createElement(BookingConfirmationEmail, props));
    expect(text).toMatch(/^Places at list price\n£300\.00\n+Early bird\n−£30\.00\n+Code SPRING10 \(10%\)\n−£27\.00\n+Total\n£243\.00$/m);
    expect(html).toContain("Code SPRING10 (10%)");
    expect(html).toContain("−£27.00");
    // Without discounts, no list price either.
    const plain = await renderEmail(createElement(BookingConfirmationEmail, { ...props, discounts: null }));
    expect(plain.text).not.toContain("Places at list price");
    expect(plain.text).not.toContain("−");
  });

  it("says why a late payment is refunded: the session filled, moved or was cancelled", async () => {
    const props = LatePaymentRefundedEmail.PreviewProps;
    const texts = Object.fromEntries(await Promise.all((["filled", "moved", "cancelled"] as const).map(async (why) =>
      [why, (await renderEmail(createElement(LatePaymentRefundedEmail, { ...props, why }))).text] as const)));
    expect(texts.filled).toMatch(/session had filled up/);
    expect(texts.filled).toContain(`Places held until\n${props.heldUntil}`);
    expect(texts.moved).toMatch(/the session moved while you were paying/i);
    expect(texts.moved).toContain(`it is now ${props.when}`);
    expect(texts.moved).not.toMatch(/filled up|Places held until/);
    expect(texts.cancelled).toMatch(/we cancelled the session, so we stopped your checkout/);
    for (const text of Object.values(texts)) expect(text).toContain(`We are refunding the full ${props.refundAmount}`);
  });

  it("escapes what customers typed", async () => {
    const { html } = await renderEmail(createElement(AttendeePlaceEmail, { ...AttendeePlaceEmail.PreviewProps, attendeeName: '<script>alert("x")</script>' }));
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
  });
});

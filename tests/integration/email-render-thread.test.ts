// Email templates are drawn on the render threads from their name and props: every template is registered,
// and a message drawn there is exactly what drawing it in place gives.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { EMAIL_TEMPLATES, emailTemplateName } from "@/emails/registry";
import BookingConfirmationEmail from "@/emails/booking-confirmation";
import { renderEmail } from "@/lib/email/deliver";
import { renderEmailHtml } from "@/lib/email/render-html";
import { renderEmailOnThread } from "@/lib/pdf/render-pool";

const confirmation = {
  sellerName: "Turnout Training Ltd", bookerName: "Zoë Łukasz", reference: "TRN-ABCD-1234", course: "First Aid at Work",
  when: "Sun, 6 Dec 2026, 19:00–21:00 GMT", venue: "The Old Mill Studio, 1 Mill Lane, Manchester M1 1AA",
  attendees: [{ name: "Zoë Łukasz (Standard)", requirements: ["Vegan"], answers: [] }, { name: "Alan Turing", requirements: [], answers: ["T-shirt: L"] }],
  bookingAnswers: [], total: "£180.00", paid: "£180.00", balance: { amount: "£90.00", dueDate: "1 Dec 2026" }, invoiceNumber: "INV-2026-00001",
  bookingUrl: "http://localhost:3000/my/bookings/x",
};

describe("email templates on the render threads", () => {
  it("are all registered by name", () => {
    const dir = path.resolve("emails");
    const exported = readdirSync(dir).filter((f) => f.endsWith(".tsx")).flatMap((f) =>
      [...readFileSync(path.join(dir, f), "utf8").matchAll(/export (?:default )?function (\w+Email)\b/g)].map((m) => m[1]));
    const registered = Object.values(EMAIL_TEMPLATES).map((component) => component.name);
    expect(exported.length).toBeGreaterThan(10);
    expect([...registered].sort()).toEqual([...exported].sort());
    expect(emailTemplateName(BookingConfirmationEmail)).toBe("booking-confirmation");
    expect(emailTemplateName(() => null)).toBeNull();
  });

  it("draw a message exactly as drawing it in place does", async () => {
    const inPlace = await renderEmailHtml(createElement(BookingConfirmationEmail, confirmation));
    const onThread = await renderEmailOnThread("booking-confirmation", confirmation);
    expect(onThread).toEqual(inPlace);
    expect(onThread.html).toContain("Zoë Łukasz");
    expect(onThread.text).toContain("TRN-ABCD-1234");
    expect(await renderEmail(createElement(BookingConfirmationEmail, confirmation))).toEqual(inPlace);
  });

  it("draw a message whose props cannot cross to a thread in place", async () => {
    const withFunction = { ...confirmation, onOpen: () => undefined };
    const rendered = await renderEmail(createElement(BookingConfirmationEmail, withFunction));
    expect(rendered.html).toContain("TRN-ABCD-1234");
  });
});

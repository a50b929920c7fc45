// components/ui/error-summary.tsx: each problem in the summary links to its field, or to the nearest enclosing
// group on the page when the field is not there, and to nothing (plain text) when neither is.
import { describe, expect, it } from "vitest";
import { linkTarget } from "@/components/ui/error-summary";

const page = (...ids: string[]) => (id: string) => ids.includes(id);

describe("where a problem in the error summary links to", () => {
  it("links to the field itself when it is on the page", () => {
    expect(linkTarget("contact.email", page("contact-email", "contact"))).toBe("contact-email");
  });

  it("links to the nearest enclosing group on the page when the field is not there", () => {
    const onPage = page("attendees", "attendees-0-requirements");
    expect(linkTarget("attendees.0.requirements.2.details", onPage)).toBe("attendees-0-requirements");
    expect(linkTarget("attendees.3.ticketTypeId", onPage)).toBe("attendees");
  });

  it("links to nothing when neither the field nor any group of it is on the page", () => {
    expect(linkTarget("billing.vatId", page("contact-email"))).toBeNull();
    expect(linkTarget("", page("contact-email"))).toBeNull();
  });
});

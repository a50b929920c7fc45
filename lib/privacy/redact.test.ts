import { describe, expect, it } from "vitest";
import { earlierTraces, jsonMentions, mentions, REDACTED, redactJson, redactText, type PersonTraces } from "./redact";

const traces: PersonTraces = {
  attendeeIds: new Set(["place-1"]),
  emails: new Set(["sam@example.com"]),
  names: ["Sam O'Neil"],
  values: ["+44 20 7946 0001", "Peanuts"],
  tombstone: { name: "Erased person #7", firstName: "Erased", lastName: "person #7", email: "erased-7@erased.invalid" },
};

describe("redactText", () => {
  it("replaces names, addresses and other values, whole words only, in any case and as HTML escapes them", () => {
    expect(redactText("Call Sam O'Neil (SAM@example.com) on +44 20 7946 0001", traces))
      .toBe(`Call Erased person #7 (erased-7@erased.invalid) on ${REDACTED}`);
    expect(redactText("<td>Sam O&#x27;Neil</td><td>peanuts</td>", traces)).toBe(`<td>Erased person #7</td><td>${REDACTED}</td>`);
    expect(redactText("Sam O'Neilson and xsam@example.com stay", traces)).toBe("Sam O'Neilson and xsam@example.com stay");
    expect(mentions("Nothing here", traces)).toBe(false);
    expect(mentions("sam o'neil", traces)).toBe(true);
  });
});

describe("redactJson", () => {
  it("keeps a snapshot's shape and ids; the person's place gets the tombstone, their needs and answers are erased", () => {
    const change = {
      attendees: [
        { attendeeId: "place-1", position: 1, firstName: "Sam", lastName: "O'Neil", email: "sam@example.com",
          requirements: [{ templateId: "t1", label: "Severe allergy", details: "Peanuts" }], answers: { q1: "Mum", q2: ["a", "b"] }, seat: "E 5" },
        { attendeeId: "place-2", position: 2, firstName: "Col", lastName: "League", email: null, requirements: [], seat: "E 6" },
      ],
    };
    expect(redactJson(change, traces)).toEqual({
      attendees: [
        { attendeeId: "place-1", position: 1, firstName: "Erased", lastName: "person #7", email: null,
          requirements: [{ templateId: "t1", label: REDACTED, details: REDACTED }], answers: { q1: REDACTED, q2: [REDACTED, REDACTED] }, seat: "E 5" },
        change.attendees[1],
      ],
    });
    expect(jsonMentions(change, traces)).toBe(true);
    expect(jsonMentions({ attendees: [change.attendees[1]] }, traces)).toBe(false);
  });

  it("leaves a place handed to someone else as that person; erases a booking's contact as the booking is erased", () => {
    const other = { attendeeId: "place-1", firstName: "Pat", lastName: "Else", email: "pat@example.com" };
    expect(redactJson(other, traces)).toEqual(other);
    const booking = { id: "b1", reference: "TRN-1", contactName: "Sam O'Neil", contactEmail: "Sam@Example.com", contactPhone: "+44 20 7946 0001",
      organisation: "Acme", billingLine1: "1 Lane", billingCity: null, totalAmount: 100 };
    expect(redactJson(booking, traces)).toEqual({ id: "b1", reference: "TRN-1", contactName: "Erased person #7", contactEmail: "erased-7@erased.invalid",
      contactPhone: "", organisation: null, billingLine1: null, billingCity: null, totalAmount: 100 });
  });
});

describe("earlierTraces", () => {
  it("finds the names, addresses and details the person's places carried before", () => {
    const before = { attendees: [{ attendeeId: "place-1", firstName: "Sam", lastName: "O'Neil", email: "old@example.com", requirements: [{ details: "Nuts" }] }] };
    expect(earlierTraces(before, traces)).toEqual({ names: ["Sam O'Neil"], emails: ["old@example.com"], values: ["Nuts"] });
    expect(earlierTraces({ attendeeId: "place-9", firstName: "Col", lastName: "League" }, traces)).toEqual({ names: [], emails: [], values: [] });
  });
});

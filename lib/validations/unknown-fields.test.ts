import { describe, expect, it } from "vitest";
import { z } from "zod";
import { apiBookingChangeSchema } from "./booking-change";
import { createBookingSchema, createSlotBookingSchema, fieldErrors } from "./booking";
import { cancellationRequestSchema } from "./cancellation";
import { UNKNOWN_FIELD, unknownFields } from "./unknown-fields";

const SESSION = "2f1c9a4e-8b7d-4c3a-9e2f-1a2b3c4d5e6f";
const TEMPLATE = "7d3e2c1b-0a9f-4e8d-8c7b-6a5f4e3d2c1b";
const QUESTION = "1b2c3d4e-5f6a-4b8c-9d0e-1f2a3b4c5d6e";

function booking(): Record<string, unknown> {
  return {
    sessionId: SESSION,
    paymentOption: "full",
    contact: { name: "Pat Booker", email: "pat@example.com", phone: "+44 20 7946 0001", organisation: "Acme" },
    billing: { line1: "1 High Street", city: "Leeds", postalCode: "LS1 1AA", country: "GB" },
    attendees: [
      { firstName: "Amara", lastName: "Okafor", isBooker: true, requirements: [{ templateId: TEMPLATE, details: "Peanuts" }] },
      { firstName: "Ben", lastName: "Hughes", email: "ben@example.com", ticketTypeId: TEMPLATE, seatId: TEMPLATE },
    ],
    acceptTerms: true,
    discountCode: "SPRING",
    pointsToRedeem: 10,
    answers: { booking: { [QUESTION]: "yes" }, attendees: [{ [QUESTION]: ["a", "b"] }, {}] },
  };
}

describe("unknownFields", () => {
  it("finds nothing in a request that uses only the fields the schema takes, at every depth", () => {
    expect(createBookingSchema.safeParse(booking()).success).toBe(true);
    expect(unknownFields(booking(), createBookingSchema)).toEqual({});
  });

  it("names each field the schema does not take by its path, in objects and in lists", () => {
    const body = booking();
    body.discount_code = "SPRING";
    (body.contact as Record<string, unknown>).mobile = "07700 900123";
    const attendees = body.attendees as Record<string, unknown>[];
    attendees[1].frstName = "Ben";
    (attendees[0].requirements as Record<string, unknown>[])[0].note = "EpiPen";
    (body.answers as Record<string, unknown>).extra = {};
    expect(unknownFields(body, createBookingSchema)).toEqual({
      discount_code: UNKNOWN_FIELD,
      "contact.mobile": UNKNOWN_FIELD,
      "attendees.1.frstName": UNKNOWN_FIELD,
      "attendees.0.requirements.0.note": UNKNOWN_FIELD,
      "answers.extra": UNKNOWN_FIELD,
    });
  });

  it("takes any key of a map (answers keyed by question id) and looks no further than a value's own schema", () => {
    const body = booking();
    body.answers = { booking: { [QUESTION]: "x", "any-key": 3 }, attendees: [{ other: true }] };
    expect(unknownFields(body, createBookingSchema)).toEqual({});
  });

  it("checks a time-slot booking against its own fields: a sessionId beside offeringId is not one of them", () => {
    const { sessionId: _sessionId, ...rest } = booking();
    const slot = { ...rest, offeringId: SESSION, startsAt: "2026-12-10T09:00:00+00:00", endsAt: "2026-12-10T11:00:00+00:00" };
    expect(unknownFields(slot, createSlotBookingSchema)).toEqual({});
    expect(unknownFields({ ...slot, sessionId: SESSION }, createSlotBookingSchema)).toEqual({ sessionId: UNKNOWN_FIELD });
  });

  it("leaves values of the wrong type to the schema's own errors", () => {
    expect(unknownFields({ ...booking(), contact: "Pat", attendees: [null, 3, "x"] }, createBookingSchema)).toEqual({});
    expect(unknownFields("not an object", createBookingSchema)).toEqual({});
  });

  it("accepts a field any branch of a union takes, and anything where the schema takes anything", () => {
    const either = z.object({ pick: z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]), free: z.unknown() });
    expect(unknownFields({ pick: { a: "x", b: 1 }, free: { whatever: { deep: 1 } } }, either)).toEqual({});
    expect(unknownFields({ pick: { c: 1 } }, either)).toEqual({ "pick.c": UNKNOWN_FIELD });
  });

  it("finds the same fields in the change and cancellation bodies, nested ones included", () => {
    const change = { attendees: [{ position: 1, firstName: "A", lastName: "B", requirements: [], emial: "a@example.com" }], note: "x" };
    expect(unknownFields(change, apiBookingChangeSchema)).toEqual({ "attendees.0.emial": UNKNOWN_FIELD, note: UNKNOWN_FIELD });
    expect(unknownFields({ attendeeIds: [], reason: "ill" }, cancellationRequestSchema)).toEqual({ reason: UNKNOWN_FIELD });
  });
});

describe("fieldErrors of a strict schema", () => {
  it("names each unknown key at its own path with the same message as unknownFields", () => {
    const result = cancellationRequestSchema.safeParse({ attendeeIds: [], reason: "ill", extra: 1 });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual({ reason: UNKNOWN_FIELD, extra: UNKNOWN_FIELD });
  });
});

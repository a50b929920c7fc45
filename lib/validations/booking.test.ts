import { describe, expect, it } from "vitest";
import {
  contactStepSchema, createBookingSchema, fieldErrors, requirementsStepSchema, requirementsStepSchemaFor,
  type CreateBookingInput,
} from "./booking";

const SESSION = "2f1c9a4e-8b7d-4c3a-9e2f-1a2b3c4d5e6f";
const TEMPLATE_A = "7d3e2c1b-0a9f-4e8d-8c7b-6a5f4e3d2c1b";
const TEMPLATE_B = "1b2c3d4e-5f6a-4b8c-9d0e-1f2a3b4c5d6e";

function validBooking(): Record<string, unknown> {
  return {
    sessionId: SESSION,
    paymentOption: "full",
    contact: { name: "Pat Booker", email: "pat@example.com", phone: "+44 20 7946 0001" },
    attendees: [
      { firstName: "Amara", lastName: "Okafor", isBooker: true, requirements: [{ templateId: TEMPLATE_A, details: "Peanuts" }] },
      { firstName: "Ben", lastName: "Hughes" },
    ],
    acceptTerms: true,
  };
}

function errorsOf(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown) {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return fieldErrors(result.error as Parameters<typeof fieldErrors>[0]);
}

const attendees = (n: number) => Array.from({ length: n }, (_, i) => ({ firstName: `A${i}`, lastName: "Tester" }));

describe("createBookingSchema", () => {
  it("accepts a valid booking and fills in defaults", () => {
    const parsed: CreateBookingInput = createBookingSchema.parse(validBooking());
    expect(parsed.attendees).toHaveLength(2);
    expect(parsed.attendees[1].requirements).toEqual([]);
    expect(parsed.attendees[0].requirements[0]).toEqual({ templateId: TEMPLATE_A, details: "Peanuts" });
  });

  it("trims text and treats blank optional fields as absent", () => {
    const parsed = createBookingSchema.parse({
      ...validBooking(),
      contact: { name: "  Pat Booker ", email: " pat@example.com ", phone: "+44 20 7946 0001", organisation: "   " },
    });
    expect(parsed.contact).toEqual({ name: "Pat Booker", email: "pat@example.com", phone: "+44 20 7946 0001", organisation: undefined });
  });

  it("accepts 1 and 12 attendees", () => {
    expect(createBookingSchema.safeParse({ ...validBooking(), attendees: attendees(1) }).success).toBe(true);
    expect(createBookingSchema.safeParse({ ...validBooking(), attendees: attendees(12) }).success).toBe(true);
  });

  it("rejects 0 attendees", () => {
    expect(errorsOf(createBookingSchema, { ...validBooking(), attendees: [] })).toEqual({ attendees: "Add at least one attendee" });
  });

  it("rejects 13 attendees", () => {
    expect(errorsOf(createBookingSchema, { ...validBooking(), attendees: attendees(13) }))
      .toEqual({ attendees: "A booking can have at most 12 attendees" });
  });

  it("reports missing names by their path", () => {
    const fields = errorsOf(createBookingSchema, {
      ...validBooking(),
      attendees: [{ firstName: "", lastName: "Okafor" }, { firstName: "Ben" }],
    });
    expect(fields).toEqual({
      "attendees.0.firstName": "First name is required",
      "attendees.1.lastName": "Last name is required",
    });
  });

  it("treats a name of only spaces as missing", () => {
    expect(errorsOf(createBookingSchema, { ...validBooking(), attendees: [{ firstName: "   ", lastName: "X" }] }))
      .toEqual({ "attendees.0.firstName": "First name is required" });
  });

  it("rejects a bad contact email and a bad attendee email", () => {
    const body = validBooking();
    const fields = errorsOf(createBookingSchema, {
      ...body,
      contact: { ...(body.contact as object), email: "not-an-email" },
      attendees: [{ firstName: "A", lastName: "B", email: "also@bad" }],
    });
    expect(fields).toEqual({ "contact.email": "Enter a valid email address", "attendees.0.email": "Enter a valid email address" });
  });

  it("requires the terms to be accepted", () => {
    expect(errorsOf(createBookingSchema, { ...validBooking(), acceptTerms: false }))
      .toEqual({ acceptTerms: "Accept the terms and conditions to continue" });
    expect(Object.keys(errorsOf(createBookingSchema, { ...validBooking(), acceptTerms: undefined }))).toEqual(["acceptTerms"]);
  });

  it("says what is expected when contact or billing is missing or not an object", () => {
    const { contact: _omitted, ...withoutContact } = validBooking();
    expect(errorsOf(createBookingSchema, withoutContact)).toEqual({ contact: "Contact details (name, email, phone) are required" });
    expect(errorsOf(createBookingSchema, { ...validBooking(), billing: "12 High St" }))
      .toEqual({ billing: "The billing address must be an object with line1, city, postalCode and country" });
  });

  it("rejects a session id that is not a uuid and an unknown payment option", () => {
    const fields = errorsOf(createBookingSchema, { ...validBooking(), sessionId: "42", paymentOption: "later" });
    expect(fields).toEqual({ sessionId: "sessionId must be a session id", paymentOption: "Choose how to pay" });
  });

  it("rejects the same requirement twice for one attendee", () => {
    const fields = errorsOf(createBookingSchema, {
      ...validBooking(),
      attendees: [{ firstName: "A", lastName: "B", requirements: [{ templateId: TEMPLATE_A }, { templateId: TEMPLATE_A }] }],
    });
    expect(fields).toEqual({ "attendees.0.requirements": "Each requirement can be chosen once" });
  });

  it("allows only one attendee to be the booker", () => {
    const fields = errorsOf(createBookingSchema, {
      ...validBooking(),
      attendees: [{ firstName: "A", lastName: "B", isBooker: true }, { firstName: "C", lastName: "D", isBooker: true }],
    });
    expect(fields).toEqual({ attendees: "Only one attendee can be the booker" });
  });

  it("validates billing when it is given", () => {
    const fields = errorsOf(createBookingSchema, { ...validBooking(), billing: { line1: "1 High St", country: "gbr" } });
    expect(fields).toEqual({
      "billing.city": "Town or city is required",
      "billing.postalCode": "Postcode is required",
      "billing.country": "Choose a country",
    });
  });

  it("reports a wrongly typed body at the root paths", () => {
    const fields = errorsOf(createBookingSchema, { sessionId: 7, attendees: "three", contact: null });
    expect(Object.keys(fields).sort()).toEqual(["acceptTerms", "attendees", "contact", "paymentOption", "sessionId"]);
  });
});

describe("contactStepSchema", () => {
  const contact = { name: "Pat Booker", email: "pat@example.com", phone: "020 7946 0001" };

  it("ignores billing when the customer did not ask for an invoice address", () => {
    expect(contactStepSchema.safeParse({ contact, hasBilling: false, billing: { line1: "half" } }).success).toBe(true);
  });

  it("reports each missing part of a partial billing address by its path", () => {
    const fields = errorsOf(contactStepSchema, { contact, hasBilling: true, billing: { line1: "1 High Street", city: "" } });
    expect(fields).toEqual({
      "billing.city": "Town or city is required",
      "billing.postalCode": "Postcode is required",
      "billing.country": "Country is required",
    });
  });

  it("accepts a complete billing address and upper-cases the country", () => {
    const billing = { line1: "1 High Street", city: "Leeds", postalCode: "LS1 1AA", country: "gb" };
    expect(contactStepSchema.safeParse({ contact, hasBilling: true, billing }).success).toBe(true);
  });

  it("rejects a phone number with letters", () => {
    expect(errorsOf(contactStepSchema, { contact: { ...contact, phone: "call me" }, hasBilling: false }))
      .toEqual({ "contact.phone": "Enter a phone number using digits, spaces and an optional leading +" });
  });
});

describe("requirementsStepSchema", () => {
  it("needs an answer for every attendee: some requirements, or none", () => {
    const fields = errorsOf(requirementsStepSchema, {
      attendees: [
        { requirements: [{ templateId: TEMPLATE_A }], none: false },
        { requirements: [], none: false },
        { requirements: [], none: true },
      ],
    });
    expect(fields).toEqual({ "attendees.1.requirements": expect.stringContaining("No special requirements") });
  });

  it("accepts an explicit answer for each attendee", () => {
    expect(requirementsStepSchema.safeParse({
      attendees: [
        { requirements: [{ templateId: TEMPLATE_A }, { templateId: TEMPLATE_B, details: "Vegan" }], none: false },
        { requirements: [], none: true },
      ],
    }).success).toBe(true);
  });

  it("rejects a duplicate templateId for one attendee", () => {
    const fields = errorsOf(requirementsStepSchema, {
      attendees: [{ requirements: [{ templateId: TEMPLATE_B }, { templateId: TEMPLATE_B }], none: false }],
    });
    expect(fields).toEqual({ "attendees.0.requirements": "Each requirement can be chosen once" });
  });

  it("rejects a templateId that is not a uuid", () => {
    const fields = errorsOf(requirementsStepSchema, { attendees: [{ requirements: [{ templateId: "vegan" }], none: false }] });
    expect(fields).toEqual({ "attendees.0.requirements.0.templateId": "Choose a requirement" });
  });
});

describe("requirementsStepSchemaFor", () => {
  const templates = [
    { id: TEMPLATE_A, label: "Severe allergy", detailsRequired: true },
    { id: TEMPLATE_B, label: "Vegan", detailsRequired: false },
  ];

  it("asks for details where the chosen template needs them", () => {
    const fields = errorsOf(requirementsStepSchemaFor(templates), {
      attendees: [{ requirements: [{ templateId: TEMPLATE_B }, { templateId: TEMPLATE_A, details: " " }], none: false }],
    });
    expect(fields).toEqual({ "attendees.0.requirements.1.details": "Describe the severe allergy" });
  });

  it("accepts details given, and templates that need none", () => {
    expect(requirementsStepSchemaFor(templates).safeParse({
      attendees: [{ requirements: [{ templateId: TEMPLATE_A, details: "Peanuts" }, { templateId: TEMPLATE_B }], none: false }],
    }).success).toBe(true);
  });
});

// Booking input: one schema per wizard step, composed into the API's whole-booking schema.
import { z } from "zod";
import { bookingAnswersInputSchema, PHONE_PATTERN } from "./questions";
import { UNKNOWN_FIELD } from "./unknown-fields";

export const MAX_ATTENDEES = 12;

const text = (label: string, max: number) =>
  z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`).max(max, `${label} must be at most ${max} characters`);

/** An optional text field: blank strings from forms count as absent. */
// Optional outside the preprocessing too: the OpenAPI document reads optionality from the outer schema (a
// preprocess step alone is documented as required though a missing value is accepted).
const optionalText = (label: string, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string({ error: `${label} must be text` }).trim().max(max, `${label} must be at most ${max} characters`).optional(),
  ).optional();

const email = (label: string) =>
  z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`)
    .max(254, `${label} is too long`).pipe(z.email(`Enter a valid email address`));

const optionalEmail = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string({ error: `${label} must be text` }).trim().max(254).pipe(z.email("Enter a valid email address")).optional(),
  ).optional();

export const sessionStepSchema = z.object({
  sessionId: z.uuid("Choose a session"),
});

export const attendeeDetailsSchema = z.object({
  firstName: text("First name", 80),
  lastName: text("Last name", 80),
  email: optionalEmail("Email"),
  isBooker: z.boolean().optional(),
});

export const attendeesStepSchema = z.object({
  attendees: z
    .array(attendeeDetailsSchema, { error: "Add at least one attendee" })
    .min(1, "Add at least one attendee")
    .max(MAX_ATTENDEES, `A booking can have at most ${MAX_ATTENDEES} attendees`)
    .refine((list) => list.filter((a) => a.isBooker).length <= 1, "Only one attendee can be you"),
});

export const requirementSchema = z.object({
  templateId: z.uuid("Choose a requirement"),
  details: optionalText("Details", 500),
});

const requirementList = z
  .array(requirementSchema, { error: "Requirements must be a list" })
  .max(20, "At most 20 requirements per attendee")
  .refine((list) => new Set(list.map((r) => r.templateId)).size === list.length, "Each requirement can be chosen once");

/** The wizard asks for an explicit answer per attendee: some needs, or "none". */
export const requirementsStepSchema = z.object({
  attendees: z.array(
    z.object({ requirements: requirementList, none: z.boolean() }).superRefine((a, ctx) => {
      if (!a.none && a.requirements.length === 0)
        ctx.addIssue({ code: "custom", path: ["requirements"], message: "Choose this attendee's requirements, or “No special requirements”" });
    }),
  ).min(1).max(MAX_ATTENDEES),
});

/** The requirements step, also checking the templates that need details (known from the catalogue). */
export function requirementsStepSchemaFor(templates: { id: string; label: string; detailsRequired: boolean }[]) {
  const needsDetails = new Map(templates.filter((t) => t.detailsRequired).map((t) => [t.id, t.label]));
  return requirementsStepSchema.superRefine((v, ctx) => {
    v.attendees.forEach((a, i) => a.requirements.forEach((r, j) => {
      const label = needsDetails.get(r.templateId);
      if (label && !r.details)
        ctx.addIssue({ code: "custom", path: ["attendees", i, "requirements", j, "details"], message: `Describe the ${label.toLowerCase()}` });
    }));
  });
}

export const contactSchema = z.object({
  name: text("Your name", 120),
  email: email("Email"),
  phone: z.string({ error: "Phone is required" }).trim().min(1, "Phone is required")
    .regex(PHONE_PATTERN, "Enter a phone number using digits, spaces and an optional leading +"),
  organisation: optionalText("Organisation", 160),
}, { error: "Contact details (name, email, phone) are required" });

export const billingSchema = z.object({
  line1: text("Address line 1", 160),
  line2: optionalText("Address line 2", 160),
  city: text("Town or city", 100),
  postalCode: text("Postcode", 20),
  country: z.string({ error: "Country is required" }).trim().toUpperCase().regex(/^[A-Z]{2}$/, "Choose a country"),
  vatId: optionalText("VAT ID", 30),
}, { error: "The billing address must be an object with line1, city, postalCode and country" });

export const contactStepSchema = z.object({
  contact: contactSchema,
  hasBilling: z.boolean(),
  billing: z.any().optional(),
}).superRefine((v, ctx) => {
  if (!v.hasBilling) return;
  const parsed = billingSchema.safeParse(v.billing ?? {});
  if (!parsed.success)
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: "custom", path: ["billing", ...issue.path.map(String)], message: issue.message });
});

/** A discount code as typed: blank counts as none. */
export const discountCodeSchema = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.string({ error: "The discount code must be text" }).trim().max(40, "That is not a discount code").optional(),
).optional();

export const paymentOptionSchema = z.enum(["full", "deposit"], { error: "Choose how to pay" });

export const reviewStepSchema = z.object({
  paymentOption: paymentOptionSchema,
  acceptTerms: z.literal(true, { error: "Accept the terms and conditions to continue" }),
});

/** Each attendee's ticket type (optional when the session sells one type) and seat (for reserved seating). */
export const placeChoiceSchema = z.object({
  ticketTypeId: z.uuid("Choose a ticket type").optional(),
  seatId: z.uuid("Choose a seat").optional(),
});

export const createBookingSchema = z.object({
  sessionId: z.uuid("sessionId must be a session id"),
  paymentOption: paymentOptionSchema,
  contact: contactSchema,
  billing: billingSchema.optional(),
  attendees: z
    .array(
      attendeeDetailsSchema.extend({ requirements: requirementList.default([]) }).extend(placeChoiceSchema.shape),
      { error: "attendees must be a list" },
    )
    .min(1, "Add at least one attendee")
    .max(MAX_ATTENDEES, `A booking can have at most ${MAX_ATTENDEES} attendees`)
    .refine((list) => list.filter((a) => a.isBooker).length <= 1, "Only one attendee can be the booker")
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((a, i) => {
        if (!a.seatId) return;
        if (seen.has(a.seatId)) ctx.addIssue({ code: "custom", path: [i, "seatId"], message: "This seat is already chosen for another attendee" });
        seen.add(a.seatId);
      });
    }),
  acceptTerms: z.literal(true, { error: "Accept the terms and conditions to continue" }),
  discountCode: discountCodeSchema,
  // Reward points a verified member spends on this booking (POINT_VALUE_MINOR each); 0 or absent: none.
  pointsToRedeem: z.number({ error: "Enter a whole number of points" }).int("Enter a whole number of points")
    .min(0, "Points cannot be negative").max(10_000_000, "That is more points than anyone has").optional(),
  // Answers to the course's custom questions, checked against them by lib/validations/questions.ts.
  answers: bookingAnswersInputSchema.optional(),
});

export type CreateBookingInput = z.infer<typeof createBookingSchema>;

const instant = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label} must be a date and time with its offset, for example 2026-05-04T09:00:00+01:00` })
    .transform((v) => new Date(v));

/** A date and a span of time at a time-slot offering: the wizard's first step for such offerings. */
export const slotSpanSchema = z.object({
  offeringId: z.uuid("offeringId must be an offering id"),
  startsAt: instant("startsAt"),
  endsAt: instant("endsAt"),
});

/** POST /api/v1/bookings for a time-slot offering: { offeringId, startsAt, endsAt } instead of sessionId. */
export const createSlotBookingSchema = createBookingSchema.omit({ sessionId: true }).extend(slotSpanSchema.shape);

export type CreateSlotBookingInput = z.infer<typeof createSlotBookingSchema>;
export type BookingRequest = CreateBookingInput | CreateSlotBookingInput;

/** Which schema a raw booking request is checked with: by time slot when it names an offering. */
export function bookingRequestSchema(raw: unknown) {
  const named = typeof raw === "object" && raw !== null && "offeringId" in raw;
  return named ? createSlotBookingSchema : createBookingSchema;
}

/** The wizard's first step at a time-slot offering: a date, then a start and an end among the bookable slots. */
export const slotStepSchema = z.object({
  span: z.object({
    date: z.string({ error: "Choose a date" }).regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a date"),
    startsAt: z.string({ error: "Choose a start time" }).min(1, "Choose a start time"),
    endsAt: z.string({ error: "Choose an end time" }).min(1, "Choose an end time"),
  }, { error: "Choose a date and a time" }),
});

export function isSlotBooking(input: BookingRequest): input is CreateSlotBookingInput {
  return "offeringId" in input && typeof input.offeringId === "string";
}
export type ContactStep = z.input<typeof contactStepSchema>;

/** Field errors keyed by dotted path (`attendees.0.firstName`), first message per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    // A strict object's unknown keys: each named at its own path, as unknownFields() names them.
    if (issue.code === "unrecognized_keys") {
      for (const name of issue.keys) fields[[...issue.path.map(String), name].join(".")] ??= UNKNOWN_FIELD;
      continue;
    }
    const key = issue.path.map(String).join(".") || "_root";
    fields[key] ??= issue.message;
  }
  return fields;
}

// Changes a customer makes to a paid booking: attendee details and needs, attendees added, a move to another
// session. The same schema serves the my-bookings forms and PUT /api/v1/bookings/{reference}.
import { z } from "zod";
import { attendeeDetailsSchema, MAX_ATTENDEES, requirementSchema } from "./booking";
import { answerMapSchema } from "./questions";

const requirementList = z
  .array(requirementSchema, { error: "Requirements must be a list" })
  .max(20, "At most 20 requirements per attendee")
  .refine((list) => new Set(list.map((r) => r.templateId)).size === list.length, "Each requirement can be chosen once");

export const attendeeChangeSchema = z.object({
  attendeeId: z.uuid("Choose an attendee of this booking"),
  firstName: attendeeDetailsSchema.shape.firstName,
  lastName: attendeeDetailsSchema.shape.lastName,
  email: attendeeDetailsSchema.shape.email,
  requirements: requirementList,
  // This attendee's answers to the course's per-attendee questions (question id → value); when given, they
  // replace the attendee's answers and are checked like the wizard's.
  answers: answerMapSchema.optional(),
});

export const newAttendeeSchema = z.object({
  firstName: attendeeDetailsSchema.shape.firstName,
  lastName: attendeeDetailsSchema.shape.lastName,
  email: attendeeDetailsSchema.shape.email,
  ticketTypeId: z.uuid("Choose a ticket type").optional(),
  requirements: requirementList,
});

export const bookingChangeSchema = z.object({
  attendees: z.array(attendeeChangeSchema).min(1, "Change at least one attendee").max(MAX_ATTENDEES)
    .refine((list) => new Set(list.map((a) => a.attendeeId)).size === list.length, "Each attendee can be changed once")
    .optional(),
  addAttendees: z.array(newAttendeeSchema).min(1, "Add at least one attendee").max(MAX_ATTENDEES - 1).optional(),
  sessionId: z.uuid("Choose a session").optional(),
}).strict().refine((c) => c.attendees || c.addAttendees || c.sessionId, { message: "Say what to change: attendees, addAttendees or sessionId" });

export type BookingChangeInput = z.infer<typeof bookingChangeSchema>;
export type AttendeeChange = z.infer<typeof attendeeChangeSchema>;
export type NewAttendee = z.infer<typeof newAttendeeSchema>;

export const customerSignInSchema = z.object({
  email: z.string({ error: "Email is required" }).trim().min(1, "Email is required").max(254, "Email is too long")
    .pipe(z.email("Enter a valid email address")),
});

/** PUT /api/v1/bookings/{reference}: attendees are named by their position on the booking, as GET shows them. */
export const apiBookingChangeSchema = z.object({
  attendees: z.array(attendeeChangeSchema.omit({ attendeeId: true }).extend({
    position: z.number({ error: "Give the attendee's position" }).int().min(1).max(MAX_ATTENDEES),
  })).min(1, "Change at least one attendee").max(MAX_ATTENDEES)
    .refine((list) => new Set(list.map((a) => a.position)).size === list.length, "Each attendee can be changed once")
    .optional(),
  addAttendees: bookingChangeSchema.shape.addAttendees,
  sessionId: z.uuid("Choose a session").optional().meta({ description: "Move the booking to this session of the same course" }),
}).strict().refine((c) => c.attendees || c.addAttendees || c.sessionId, { message: "Say what to change: attendees, addAttendees or sessionId" })
  .meta({ id: "BookingChange" });
export type ApiBookingChangeInput = z.infer<typeof apiBookingChangeSchema>;

/** The longest reason staff may give for a change (the database checks it too). */
export const MAX_CHANGE_REASON = 500;

/** Why staff made a change: optional, trimmed, empty means none; kept in the booking's history for staff only. */
export const staffChangeReasonSchema = z.string({ error: "The reason must be text" }).trim()
  .max(MAX_CHANGE_REASON, `At most ${MAX_CHANGE_REASON} characters`)
  .optional()
  .transform((v) => v || undefined);

/**
 * Staff changing a seated booking's seats (on its session) or moving it to another seated session of the course:
 * one row per active place, in the booking's order; an empty seat keeps that place where it is; an optional reason.
 */
export const staffSeatChangeSchema = z.object({
  bookingId: z.uuid(),
  sessionId: z.uuid("Choose a session"),
  seats: z.array(z.object({
    attendeeId: z.uuid("Choose a place of this booking"),
    seatId: z.union([z.uuid("Choose a seat from the list"), z.literal("")]),
  })).min(1, "The booking has no places").max(MAX_ATTENDEES)
    .refine((list) => list.some((x) => x.seatId), "Choose a new seat for at least one place"),
  reason: staffChangeReasonSchema,
});
export type StaffSeatChangeInput = z.infer<typeof staffSeatChangeSchema>;

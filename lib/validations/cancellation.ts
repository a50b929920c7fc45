// Inputs of a customer's cancellation (the cancel page's form and DELETE /api/v1/bookings/{reference}).
import { z } from "zod";

export const cancellationRequestSchema = z.object({
  /** Empty or absent: the whole booking (every place still booked). */
  attendeeIds: z.array(z.uuid("Choose attendees of this booking")).max(12).default([]),
}).strict();

export const idempotencyKeySchema = z.string().trim().min(1, "Idempotency-Key is required").max(200, "At most 200 characters")
  .refine((k) => !k.includes("\u0000"), "Not a valid key");

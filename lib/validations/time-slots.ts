// Staff input about time-slot bookings, shared by the admin form and its server action.
import { z } from "zod";

const localTime = (label: string) =>
  z.string({ error: `${label} is required` }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `Enter ${label.toLowerCase()} as HH:MM`);

/** A paid booking moved to another span: a local date and times at the location. */
export const spanChangeSchema = z.object({
  bookingId: z.uuid(),
  date: z.string({ error: "Date is required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a date"),
  start: localTime("Start time"),
  end: localTime("End time"),
  reason: z.string({ error: "Reason is required" }).trim().min(1, "Give a reason (printed on any credit note)").max(200, "At most 200 characters"),
});

export type SpanChangeInput = z.infer<typeof spanChangeSchema>;

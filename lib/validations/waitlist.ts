// Joining a session's waiting list: the form and the server share this schema.
import { z } from "zod";

export const waitlistJoinSchema = z.object({
  sessionId: z.uuid("Choose a session"),
  ticketTypeId: z.union([z.literal(""), z.uuid("Choose a ticket type")]).optional().transform((v) => v || null),
  email: z.string().trim().min(1, "Enter your email address").max(254, "At most 254 characters").pipe(z.email("Enter an email address like name@example.com")),
  places: z.union([z.string(), z.number()]).transform((v) => String(v).trim())
    .pipe(z.string().regex(/^\d{1,2}$/, "Enter a number of places from 1 to 12"))
    .transform(Number).pipe(z.number().int().min(1, "Enter a number of places from 1 to 12").max(12, "Enter a number of places from 1 to 12")),
  note: z.string().trim().max(500, "At most 500 characters").optional().transform((v) => v || null),
});

export type WaitlistJoinInput = z.input<typeof waitlistJoinSchema>;

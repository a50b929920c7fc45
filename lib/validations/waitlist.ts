// Joining a session's waiting list: the form and the server share this schema.
import { z } from "zod";

/** The most places one request may ask for; a session may allow fewer (lib/self-service/waitlist.ts, mostPlacesToWaitFor). */
export const WAITLIST_MAX_PLACES = 12;

const placesRange = (most: number) => (most === 1 ? "Enter 1: this session has only 1 place" : `Enter a number of places from 1 to ${most}`);

/** The places field's hint on the join page: the most places this session's list takes. */
export const placesHint = (most: number) => (most === 1 ? "Only 1 place: this session has no more" : `From 1 to ${most}`);

/**
 * The schema with the most places the session takes, for the form, which knows it from the page; the server parses
 * with `waitlistJoinSchema` and checks the session's own limit where it reads the session.
 */
export function waitlistJoinSchemaUpTo(most: number) {
  return z.object({
    sessionId: z.uuid("Choose a session"),
    ticketTypeId: z.union([z.literal(""), z.uuid("Choose a ticket type")]).optional().transform((v) => v || null),
    email: z.string().trim().min(1, "Enter your email address").max(254, "At most 254 characters").pipe(z.email("Enter an email address like name@example.com")),
    places: z.union([z.string(), z.number()]).transform((v) => String(v).trim())
      .pipe(z.string().regex(/^\d{1,2}$/, placesRange(most)))
      .transform(Number).pipe(z.number().int().min(1, placesRange(most)).max(most, placesRange(most))),
    note: z.string().trim().max(500, "At most 500 characters").optional().transform((v) => v || null),
  });
}

export const waitlistJoinSchema = waitlistJoinSchemaUpTo(WAITLIST_MAX_PLACES);

export type WaitlistJoinInput = z.input<typeof waitlistJoinSchema>;

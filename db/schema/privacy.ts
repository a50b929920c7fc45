// Personal data rights: each erasure of a person, numbered for the tombstone left in their place.
import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, serial, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const personErasures = pgTable("person_erasures", {
  // "Erased person #1234": the number replaces their name wherever a record must stay.
  number: serial("number").primaryKey(),
  // SHA-256 of the lower-cased email: finds earlier erasures of the same person without keeping the address.
  emailHash: text("email_hash").notNull(),
  reason: text("reason").notNull(),
  erasedBy: uuid("erased_by").references(() => users.id),
  erasedAt: timestamp("erased_at", { withTimezone: true }).notNull().defaultNow(),
  removed: jsonb("removed").$type<Record<string, number>>().notNull(),
}, (t) => [
  index("person_erasures_email_hash_idx").on(t.emailHash),
  check("person_erasures_reason_present", sql`length(trim(${t.reason})) > 0`),
]);

export type PersonErasure = typeof personErasures.$inferSelect;

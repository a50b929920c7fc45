// Staff accounts. Customers book without an account.
import { sql } from "drizzle-orm";
import { check, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const staffRole = pgEnum("staff_role", ["admin", "finance"]);

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull(),
  name: text("name"),
  role: staffRole("role").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
  check("users_email_shape", sql`${t.email} like '%@%'`),
]);

export type User = typeof users.$inferSelect;
export type StaffRole = (typeof staffRole.enumValues)[number];

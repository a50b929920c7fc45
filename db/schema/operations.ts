// Staff preparation: checklists per session and each venue's accessibility assessment.
import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { courseSessions, venues } from "./catalog";
import { specialRequirements } from "./bookings";
import { users } from "./auth";

export const checklistSource = pgEnum("checklist_source", ["generated", "staff"]);

export const checklistItems = pgTable("checklist_items", {
  id: uuid("id").primaryKey().defaultRandom(),
  sessionId: uuid("session_id").notNull().references(() => courseSessions.id, { onDelete: "cascade" }),
  // Set for items generated from an attendee's requirement; null for items staff add.
  requirementId: uuid("requirement_id").references(() => specialRequirements.id, { onDelete: "cascade" }),
  source: checklistSource("source").notNull(),
  label: text("label").notNull(),
  doneAt: timestamp("done_at", { withTimezone: true }),
  doneBy: uuid("done_by").references(() => users.id),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("checklist_items_generated_key").on(t.requirementId, t.label).where(sql`${t.requirementId} is not null`),
  index("checklist_items_session_idx").on(t.sessionId),
  check("checklist_items_done_pair", sql`(${t.doneAt} is null) = (${t.doneBy} is null)`),
]);

export const venueFeatureStatus = pgEnum("venue_feature_status", ["yes", "no", "unknown"]);

export const venueFeatures = pgTable("venue_features", {
  venueId: uuid("venue_id").notNull().references(() => venues.id, { onDelete: "cascade" }),
  feature: text("feature").notNull(),
  status: venueFeatureStatus("status").notNull().default("unknown"),
  notes: text("notes"),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ name: "venue_features_pkey", columns: [t.venueId, t.feature] })]);

export type ChecklistItem = typeof checklistItems.$inferSelect;
export type VenueFeature = typeof venueFeatures.$inferSelect;

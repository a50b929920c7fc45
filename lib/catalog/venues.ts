// Venues: create, edit, archive and restore, and their accessibility assessment.
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { pgErrorOf, UNIQUE_VIOLATION } from "@/db/pg-error";
import { venueFeatures, venues, type Venue } from "@/db/schema";
import type { Staff } from "@/lib/auth/guard";
import { fieldError } from "@/lib/validations/field-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { venueAssessmentSchema, venueSchema } from "@/lib/validations/catalog";
import type { z } from "zod";

type VenueValues = z.output<typeof venueSchema>;

async function lockVenue(tx: Tx, id: string): Promise<Venue> {
  const [row] = await tx.select().from(venues).where(eq(venues.id, id)).for("update");
  if (!row) throw new AppError("not_found", {}, "That venue does not exist.");
  return row;
}

function slugTaken(err: unknown) {
  const pg = pgErrorOf(err);
  return pg?.code === UNIQUE_VIOLATION && pg.constraint === "venues_slug_key";
}

const withNulls = (v: VenueValues) => ({ ...v, addressLine2: v.addressLine2 ?? null });

export async function createVenue(db: Db, staff: Staff, values: VenueValues) {
  try {
    return await db.transaction(async (tx) => {
      const [venue] = await tx.insert(venues).values(withNulls(values)).returning();
      await recordAudit(tx, staff, { action: "venue.create", entityType: "venue", entityId: venue.id, after: venue });
      return venue;
    });
  } catch (err) {
    if (slugTaken(err)) throw fieldError("slug", "Another venue already uses this short name");
    throw err;
  }
}

export async function updateVenue(db: Db, staff: Staff, id: string, values: VenueValues) {
  try {
    return await db.transaction(async (tx) => {
      const before = await lockVenue(tx, id);
      const [after] = await tx.update(venues).set(withNulls(values)).where(eq(venues.id, id)).returning();
      await recordAudit(tx, staff, { action: "venue.update", entityType: "venue", entityId: id, before, after });
      return after;
    });
  } catch (err) {
    if (slugTaken(err)) throw fieldError("slug", "Another venue already uses this short name");
    throw err;
  }
}

/** Archived venues cannot take new sessions; existing sessions there go ahead. */
export async function setVenueArchived(db: Db, staff: Staff, id: string, archived: boolean) {
  return db.transaction(async (tx) => {
    const before = await lockVenue(tx, id);
    if (Boolean(before.archivedAt) === archived) return before;
    const [after] = await tx.update(venues).set({ archivedAt: archived ? new Date() : null }).where(eq(venues.id, id)).returning();
    await recordAudit(tx, staff, {
      action: archived ? "venue.archive" : "venue.restore", entityType: "venue", entityId: id,
      before: { archivedAt: before.archivedAt }, after: { archivedAt: after.archivedAt },
    });
    return after;
  });
}

/** Saves the answers given; features not in the input keep their answer. */
export async function saveVenueAssessment(db: Db, staff: Staff, input: z.output<typeof venueAssessmentSchema>) {
  return db.transaction(async (tx) => {
    await lockVenue(tx, input.venueId);
    const before = await tx.select().from(venueFeatures).where(eq(venueFeatures.venueId, input.venueId));
    const prior = new Map(before.map((f) => [f.feature, f]));
    const changed = input.features.filter((f) => {
      const p = prior.get(f.feature);
      return !p || p.status !== f.status || (p.notes ?? null) !== (f.notes ?? null);
    });
    if (changed.length === 0) return { changed: 0 };
    const now = new Date();
    for (const f of changed) {
      await tx.insert(venueFeatures)
        .values({ venueId: input.venueId, feature: f.feature, status: f.status, notes: f.notes ?? null, updatedBy: staff.id, updatedAt: now })
        .onConflictDoUpdate({
          target: [venueFeatures.venueId, venueFeatures.feature],
          set: { status: sql`excluded.status`, notes: sql`excluded.notes`, updatedBy: staff.id, updatedAt: now },
        });
    }
    await recordAudit(tx, staff, {
      action: "venue.assess", entityType: "venue", entityId: input.venueId,
      before: Object.fromEntries(changed.map((f) => [f.feature, prior.get(f.feature) ? { status: prior.get(f.feature)!.status, notes: prior.get(f.feature)!.notes } : null])),
      after: Object.fromEntries(changed.map((f) => [f.feature, { status: f.status, notes: f.notes ?? null }])),
    });
    return { changed: changed.length };
  });
}

export async function venueFeatureRows(db: Db, venueId: string) {
  return db.select().from(venueFeatures).where(and(eq(venueFeatures.venueId, venueId)));
}

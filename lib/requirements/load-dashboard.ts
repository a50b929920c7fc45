// Loads the requirements dashboard for a filter: used by the page and by the CSV and PDF exports.
import type { DbOrTx } from "@/db";
import {
  listChecklistItems, listDashboardSessions, listSessionRequirements, syncGeneratedChecklist, venueFeatureStatuses,
} from "@/db/queries/requirements";
import type { DashboardFilter } from "@/lib/validations/requirements";
import { buildDashboard } from "./dashboard";

export async function loadDashboard(db: DbOrTx, filter: DashboardFilter, now = new Date()) {
  const sessions = await listDashboardSessions(db, filter, now);
  const ids = sessions.map((s) => s.id);
  // Bookings paid since the last look bring their preparation tasks with them.
  await syncGeneratedChecklist(db, ids);
  const narrowed = Boolean(filter.category || filter.priority);
  const [requirements, allRequirements, checklist, venueStatuses] = await Promise.all([
    listSessionRequirements(db, ids, filter),
    narrowed ? listSessionRequirements(db, ids) : Promise.resolve(undefined),
    listChecklistItems(db, ids),
    venueFeatureStatuses(db, [...new Set(sessions.map((s) => s.venue.id))]),
  ]);
  return buildDashboard({ sessions, requirements, allRequirements, checklist, venueStatuses, onlyWithRequirements: narrowed });
}

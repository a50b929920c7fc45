// Loads the requirements dashboard for a filter: used by the page and by the CSV and PDF exports.
import type { DbOrTx } from "@/db";
import {
  listChecklistItems, listDashboardSessions, listSessionRequirements, syncGeneratedChecklist, venueFeatureStatuses,
} from "@/db/queries/requirements";
import { answersForSessions } from "@/db/queries/questions";
import type { DashboardFilter } from "@/lib/validations/requirements";
import { buildDashboard } from "./dashboard";

/**
 * `answers` loads the answers to custom questions too, for a viewer who may see sensitive ones or not; left
 * out (the exports), no answers are read.
 */
export async function loadDashboard(db: DbOrTx, filter: DashboardFilter, now = new Date(), answers?: { includeSensitive: boolean }) {
  const sessions = await listDashboardSessions(db, filter, now);
  const ids = sessions.map((s) => s.id);
  // Bookings paid since the last look bring their preparation tasks with them.
  await syncGeneratedChecklist(db, ids);
  const narrowed = Boolean(filter.category || filter.priority);
  const [requirements, allRequirements, checklist, venueStatuses, answerRows] = await Promise.all([
    listSessionRequirements(db, ids, filter),
    narrowed ? listSessionRequirements(db, ids) : Promise.resolve(undefined),
    listChecklistItems(db, ids),
    venueFeatureStatuses(db, [...new Set(sessions.map((s) => s.venue.id))]),
    answers ? answersForSessions(db, ids, answers) : Promise.resolve([]),
  ]);
  return buildDashboard({ sessions, requirements, allRequirements, checklist, venueStatuses, onlyWithRequirements: narrowed, answers: answerRows });
}

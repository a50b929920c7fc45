// What both requirement exports (CSV and PDF) do before formatting: read the dashboard's filters, load the
// sessions, record on the audit log who took attendees' health information out, and name the file.
import { getDb } from "@/db";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Staff } from "@/lib/auth/session";
import { parseDashboardFilter } from "@/lib/validations/requirements";
import { exportFileName } from "./export-csv";
import { loadDashboard } from "./load-dashboard";

export async function loadRequirementsExport(req: Request, staff: Staff, format: "csv" | "pdf") {
  const filter = parseDashboardFilter(new URL(req.url).searchParams);
  const { sessions } = await loadDashboard(getDb(), filter);
  await recordAudit(getDb(), staff, {
    action: "requirements.export", entityType: "requirements", entityId: filter.session ?? null,
    after: { format, filter, sessions: sessions.length },
  });
  const one = filter.session ? sessions[0] : undefined;
  return { sessions, fileName: exportFileName(format, { sessionTitle: one?.course.title, date: one?.startsAt }) };
}

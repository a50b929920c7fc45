import { getDb } from "@/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { staffRoute } from "@/lib/auth/guard";
import { exportFileName, requirementsCsv } from "@/lib/requirements/export-csv";
import { loadDashboard } from "@/lib/requirements/load-dashboard";
import { parseDashboardFilter } from "@/lib/validations/requirements";

export const dynamic = "force-dynamic";

/** The dashboard's requirements as CSV, for the same filters (?session=… for one session). */
export const GET = staffRoute(["admin"], async (req, { staff }) => {
  const filter = parseDashboardFilter(new URL(req.url).searchParams);
  const { sessions } = await loadDashboard(getDb(), filter);
  // Attendees' health information leaves the system here: who took it, and which, is on record.
  await recordAudit(getDb(), staff, {
    action: "requirements.export", entityType: "requirements", entityId: filter.session ?? null,
    after: { format: "csv", filter, sessions: sessions.length },
  });
  const name = exportFileName("csv", { sessionTitle: filter.session ? sessions[0]?.course.title : undefined, date: filter.session ? sessions[0]?.startsAt : undefined });
  return new Response(requirementsCsv(sessions), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
});

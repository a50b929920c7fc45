import { getDb } from "@/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { staffRoute } from "@/lib/auth/guard";
import { exportFileName } from "@/lib/requirements/export-csv";
import { requirementsPdf } from "@/lib/requirements/export-pdf";
import { loadDashboard } from "@/lib/requirements/load-dashboard";
import { parseDashboardFilter } from "@/lib/validations/requirements";

export const dynamic = "force-dynamic";

/** A printable sheet per session for the venue, for the dashboard's filters (?session=… for one). */
export const GET = staffRoute(["admin"], async (req, { staff }) => {
  const filter = parseDashboardFilter(new URL(req.url).searchParams);
  const { sessions } = await loadDashboard(getDb(), filter);
  // Attendees' health information leaves the system here: who took it, and which, is on record.
  await recordAudit(getDb(), staff, {
    action: "requirements.export", entityType: "requirements", entityId: filter.session ?? null,
    after: { format: "pdf", filter, sessions: sessions.length },
  });
  const pdf = await requirementsPdf(sessions);
  const name = exportFileName("pdf", { sessionTitle: filter.session ? sessions[0]?.course.title : undefined, date: filter.session ? sessions[0]?.startsAt : undefined });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
});

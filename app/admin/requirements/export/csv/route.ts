import { staffRoute } from "@/lib/auth/guard";
import { requirementsCsv } from "@/lib/requirements/export-csv";
import { loadRequirementsExport } from "@/lib/requirements/export-request";

export const dynamic = "force-dynamic";

/** The dashboard's requirements as CSV, for the same filters (?session=… for one session). */
export const GET = staffRoute(["admin"], async (req, { staff }) => {
  const { sessions, fileName } = await loadRequirementsExport(req, staff, "csv");
  return new Response(requirementsCsv(sessions), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
});

import { staffRoute } from "@/lib/auth/guard";
import { requirementsPdf } from "@/lib/requirements/export-pdf";
import { loadRequirementsExport } from "@/lib/requirements/export-request";

export const dynamic = "force-dynamic";

/** A printable sheet per session for the venue, for the dashboard's filters (?session=… for one). */
export const GET = staffRoute(["admin"], async (req, { staff }) => {
  const { sessions, fileName } = await loadRequirementsExport(req, staff, "pdf");
  const pdf = await requirementsPdf(sessions);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
});

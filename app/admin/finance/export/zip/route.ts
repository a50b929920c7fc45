// ZIP of the PDFs of the invoices and credit notes the finance list shows for the same filter.
import { getDb } from "@/db";
import { staffRoute } from "@/lib/auth/guard";
import { loadFinanceExport, recordFinanceExport } from "@/lib/invoices/export-request";
import { documentsZip } from "@/lib/invoices/exports";

export const dynamic = "force-dynamic";

export const GET = staffRoute(["finance", "admin"], async (req, { staff }) => {
  const { filter, selection, baseName } = await loadFinanceExport(req);
  const body = await documentsZip(getDb(), selection);
  await recordFinanceExport(staff, "zip", filter, selection);
  return new Response(body, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${baseName}.zip"`,
      "cache-control": "private, no-store",
    },
  });
});

// CSV for accounting of the invoices and credit notes the finance list shows for the same filter.
import { staffRoute } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { loadFinanceExport, recordFinanceExport } from "@/lib/invoices/export-request";
import { accountingCsv } from "@/lib/invoices/exports";

export const dynamic = "force-dynamic";

export const GET = staffRoute(["finance", "admin"], async (req, { staff }) => {
  const { filter, selection, baseName } = await loadFinanceExport(req);
  const csv = accountingCsv(selection, { timeZone: env().FINANCE_TIME_ZONE });
  await recordFinanceExport(staff, "csv", filter, selection);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${baseName}.csv"`,
      "cache-control": "private, no-store",
    },
  });
});

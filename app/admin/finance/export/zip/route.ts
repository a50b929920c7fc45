// ZIP of the PDFs of the invoices and credit notes issued in a date range.
import { getDb } from "@/db";
import { staffRoute } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { documentsZip } from "@/lib/invoices/exports";
import { fieldErrors } from "@/lib/validations/booking";
import { exportRangeSchema } from "@/lib/validations/finance";

export const dynamic = "force-dynamic";

export const GET = staffRoute(["finance", "admin"], async (req) => {
  const url = new URL(req.url);
  const parsed = exportRangeSchema.safeParse({ from: url.searchParams.get("from") ?? undefined, to: url.searchParams.get("to") ?? undefined });
  if (!parsed.success) throw new AppError("invalid_request", { fields: fieldErrors(parsed.error) });
  const body = await documentsZip(getDb(), parsed.data, { timeZone: env().FINANCE_TIME_ZONE });
  return new Response(body, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="turnout-documents-${parsed.data.from}-to-${parsed.data.to}.zip"`,
      "cache-control": "private, no-store",
    },
  });
});

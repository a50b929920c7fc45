// CSV of the invoices and credit notes issued in a date range, for accounting.
import { getDb } from "@/db";
import { staffRoute } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { accountingCsv } from "@/lib/invoices/exports";
import { fieldErrors } from "@/lib/validations/booking";
import { exportRangeSchema } from "@/lib/validations/finance";

export const dynamic = "force-dynamic";

export const GET = staffRoute(["finance", "admin"], async (req) => {
  const url = new URL(req.url);
  const parsed = exportRangeSchema.safeParse({ from: url.searchParams.get("from") ?? undefined, to: url.searchParams.get("to") ?? undefined });
  if (!parsed.success) throw new AppError("invalid_request", { fields: fieldErrors(parsed.error) });
  const e = env();
  const csv = await accountingCsv(getDb(), parsed.data, { timeZone: e.FINANCE_TIME_ZONE, now: new Date(), reminderDays: e.BALANCE_REMINDER_DAYS });
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="turnout-documents-${parsed.data.from}-to-${parsed.data.to}.csv"`,
      "cache-control": "private, no-store",
    },
  });
});

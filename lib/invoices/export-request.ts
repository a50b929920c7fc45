// What both finance exports (CSV and ZIP) share: reading the list's filter from the URL, choosing the
// documents, naming the file, and writing each download (who, when, filter, rows) to the audit log.
import { getDb } from "@/db";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Staff } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { fieldErrors } from "@/lib/validations/booking";
import { exportFilterSchema, type ExportFilter } from "@/lib/validations/finance";
import { exportSelection, type ExportSelection } from "./exports";

const KEYS = ["q", "from", "to", "status", "course"] as const;

/** The export's filter: the finance list's parameters (each at most once), both dates required. 400 otherwise. */
export function parseExportFilter(url: URL): ExportFilter {
  const raw: Record<string, string | string[] | undefined> = {};
  for (const k of KEYS) {
    const all = url.searchParams.getAll(k);
    raw[k] = all.length > 1 ? all : all[0];
  }
  const parsed = exportFilterSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_request", { fields: fieldErrors(parsed.error) });
  return parsed.data;
}

export async function loadFinanceExport(req: Request) {
  const filter = parseExportFilter(new URL(req.url));
  const e = env();
  const selection = await exportSelection(getDb(), filter, { timeZone: e.FINANCE_TIME_ZONE, now: new Date(), reminderDays: e.BALANCE_REMINDER_DAYS });
  return { filter, selection, baseName: `turnout-documents-${filter.from}-to-${filter.to}` };
}

/** Written once the file is built, so the log holds the downloads that happened, with their row counts. */
export async function recordFinanceExport(staff: Staff, format: "csv" | "zip", filter: ExportFilter, selection: ExportSelection) {
  await recordAudit(getDb(), staff, {
    action: "finance.export", entityType: "finance_documents", entityId: null,
    after: {
      format, filter,
      rows: selection.invoices.length + selection.creditNotes.length,
      invoices: selection.invoices.length, creditNotes: selection.creditNotes.length,
    },
  });
}

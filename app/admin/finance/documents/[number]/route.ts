// Staff download of any invoice or credit note: the stored bytes, exactly as issued.
import { getDb } from "@/db";
import { staffRoute } from "@/lib/auth/guard";
import { documentPdf } from "@/lib/invoices/documents";
import { notFoundResponse, pdfResponse } from "@/lib/invoices/pdf-response";

export const dynamic = "force-dynamic";

export const GET = staffRoute<{ number: string }>(["finance", "admin"], async (_req, { params }) => {
  const { number } = await params;
  const doc = await documentPdf(getDb(), number);
  return doc ? pdfResponse(doc) : notFoundResponse();
});

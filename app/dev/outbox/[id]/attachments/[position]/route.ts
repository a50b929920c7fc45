// One attachment the local outbox kept, as it was sent: under the outbox page's own rule (outboxBrowsable),
// and a 404 for anything else. PDFs open in the browser; anything else is downloaded.
import { getDb } from "@/db";
import { getOutboxAttachment } from "@/db/queries/outbox";
import { outboxBrowsable } from "@/lib/email/outbox";
import { notFoundResponse } from "@/lib/invoices/pdf-response";
import { isUuid } from "@/lib/validations/ids";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; position: string }> }) {
  if (!outboxBrowsable()) return notFoundResponse();
  const { id, position } = await params;
  if (!isUuid(id) || !/^\d{1,3}$/.test(position)) return notFoundResponse();
  const file = await getOutboxAttachment(getDb(), id, Number(position));
  if (!file) return notFoundResponse();
  const inline = file.contentType.split(";")[0].trim().toLowerCase() === "application/pdf";
  return new Response(new Uint8Array(file.content), {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.content.length),
      "content-disposition": `${inline ? "inline" : "attachment"}; ${dispositionFileName(file.filename)}`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/** `filename="…"` in plain ASCII, and `filename*` for the name as it is (RFC 6266). */
function dispositionFileName(name: string) {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

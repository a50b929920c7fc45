// The HTTP answer for a stored document: the exact stored bytes, with their hash as the ETag.
import type { StoredPdf } from "./render";

export function pdfResponse(doc: StoredPdf, disposition: "attachment" | "inline" = "attachment"): Response {
  return new Response(new Uint8Array(doc.pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-length": String(doc.pdf.length),
      "content-disposition": `${disposition}; filename="${doc.number}.pdf"`,
      etag: `"${doc.sha256}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

export function notFoundResponse(): Response {
  return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

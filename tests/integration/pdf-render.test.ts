// PDFs are drawn in worker threads that find their fonts and logo from the code, whatever the working
// directory, and documents rendered at once are all complete.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ensureInvoicePdf } from "@/lib/invoices/render";
import { closePdfPool, renderPdf } from "@/lib/pdf/render-pool";
import { createSessionFixture, db } from "../fixtures";
import { createPaidBooking, invoiceOf, pdfText } from "../finance-fixtures";

/**
 * The fonts and images a PDF embeds, read from its object dictionaries (only streams are compressed in the
 * documents we render, so the dictionaries are plain text): no PDF tools needed on the machine.
 */
function embedded(pdf: Buffer) {
  const text = pdf.toString("latin1");
  const fonts = [...text.matchAll(/\/BaseFont\s*\/(?:[A-Z]{6}\+)?([\w-]+)/g)].map((m) => m[1]);
  // An image with transparency is two image objects: the picture and its alpha mask (named by /SMask).
  const images = [...text.matchAll(/\/Subtype\s*\/Image\b/g)].length - [...text.matchAll(/\/SMask\s+\d+\s+\d+\s+R/g)].length;
  return { fonts, images };
}

describe("PDF rendering", () => {
  it("embeds Inter and the logo when the process runs from another folder", async () => {
    const { session } = await createSessionFixture({ priceAmount: 9_000, startsInDays: 30 });
    const booking = await createPaidBooking(session.id, { attendees: [{ firstName: "Zoë", lastName: "Łukasz" }] });
    const inv = (await invoiceOf(booking.id))!;
    const cwd = process.cwd();
    await closePdfPool(); // new threads, started from the other folder
    process.chdir(mkdtempSync(path.join(tmpdir(), "turnout-cwd-")));
    try {
      const { pdf } = (await ensureInvoicePdf(db(), inv.id))!;
      expect(await pdfText(pdf)).toContain("Zoë Łukasz");
      const { fonts, images } = embedded(pdf);
      for (const weight of ["Inter-Regular", "Inter-SemiBold", "Inter-Bold"]) expect(fonts).toContain(weight);
      expect(fonts.filter((f) => !f.startsWith("Inter-"))).toEqual([]);
      expect(images).toBe(1);
    } finally {
      process.chdir(cwd);
    }
  });

  it("renders many documents at once, each complete", async () => {
    const printedAt = new Date("2031-01-01T12:00:00Z");
    const pdfs = await Promise.all(Array.from({ length: 8 }, () => renderPdf({ kind: "requirements", sessions: [], printedAt })));
    for (const pdf of pdfs) {
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      expect(await pdfText(pdf)).toContain("No upcoming sessions match.");
    }
  });
});

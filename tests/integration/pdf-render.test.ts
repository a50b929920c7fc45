// PDFs are drawn in worker threads that find their fonts and logo from the code, whatever the working
// directory, and documents rendered at once are all complete.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ensureInvoicePdf } from "@/lib/invoices/render";
import { closePdfPool, renderPdf } from "@/lib/pdf/render-pool";
import { createSessionFixture, db } from "../fixtures";
import { createPaidBooking, invoiceOf, pdfText } from "../finance-fixtures";

const run = promisify(execFile);

async function pdfTool(tool: "pdffonts" | "pdfimages", pdf: Buffer, ...args: string[]) {
  const dir = mkdtempSync(path.join(tmpdir(), "turnout-pdf-"));
  const file = path.join(dir, "doc.pdf");
  await (await import("node:fs/promises")).writeFile(file, pdf);
  return (await run(tool, [...args, file])).stdout;
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
      const fonts = await pdfTool("pdffonts", pdf);
      for (const weight of ["Inter-Regular", "Inter-SemiBold", "Inter-Bold"]) expect(fonts).toContain(weight);
      const images = (await pdfTool("pdfimages", pdf, "-list")).split("\n").map((l) => l.trim().split(/\s+/)).filter((cols) => cols[2] === "image");
      expect(images).toHaveLength(1);
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

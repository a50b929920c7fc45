// components/pdf/pdfkit-fonts.ts: each document wraps a fontkit font once and starts with no font, and the
// documents drawn with it are unchanged in what they show.
import { Font } from "@react-pdf/renderer";
import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { loadPdfFonts, PDF_FONT } from "@/components/pdf/fonts";
import { renderDocument } from "@/components/pdf/render-document";
import { SAMPLE_TASKS } from "@/components/pdf/sample-tasks";
import { pdfText } from "./pdf-text";

type Doc = { _font: object | null; _fontSize: number; font(src: unknown, size?: number): Doc; end(): void };
const newDocument = () => new (PDFDocument as unknown as new (options: object) => Doc)({ autoFirstPage: false });

describe("pdfkit's fonts as the PDF threads use them", () => {
  it("wraps a fontkit font once per document, keeps the size each call sets, and starts with no font", async () => {
    await loadPdfFonts();
    const regular = Font.getFont({ fontFamily: PDF_FONT, fontWeight: 400 }).data;
    const bold = Font.getFont({ fontFamily: PDF_FONT, fontWeight: 700 }).data;
    const doc = newDocument();
    expect(doc._font).toBeNull();
    const first = doc.font(regular, 9)._font;
    expect(doc._fontSize).toBe(9);
    const other = doc.font(bold, 12)._font;
    expect(other).not.toBe(first);
    expect(doc.font(regular, 14)._font).toBe(first);
    expect(doc._fontSize).toBe(14);
    // Another document has wrappers of its own (each embeds the glyphs it used).
    const second = newDocument();
    expect(second.font(regular, 9)._font).not.toBe(first);
    // A built-in font is still there for a document that asks for it by name.
    expect(second.font("Helvetica", 10)._font).toMatchObject({ name: "Helvetica" });
  });

  it("leaves what the confirmation's documents show as it was", async () => {
    const shows = async (task: (typeof SAMPLE_TASKS)[keyof typeof SAMPLE_TASKS]) =>
      pdfText(Buffer.from((await renderDocument(task)) as Uint8Array));
    expect(await shows(SAMPLE_TASKS.invoice)).toMatch(/INV-2031-00042/);
    expect(await shows(SAMPLE_TASKS["booking-confirmation"])).toMatch(/Harbourside Training Centre/);
    expect(await shows(SAMPLE_TASKS.tickets)).toMatch(/First Aid at Work/);
  });
});

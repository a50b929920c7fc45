// components/pdf/pdfkit-fonts.ts: each document wraps a fontkit font once and starts with no font, documents
// that print the same glyphs share one embedded font program, and the documents drawn with it are unchanged in
// what they show. Also the one-page attempt of render-document.tsx and the tickets' pages that never break.
import { Font } from "@react-pdf/renderer";
import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { loadPdfFonts, PDF_FONT } from "@/components/pdf/fonts";
import { contentEndFromTop, pdfPageCount, renderDocument } from "@/components/pdf/render-document";
import { SAMPLE_TASKS, sampleTasks } from "@/components/pdf/sample-tasks";
import { PAGE_HEIGHT } from "@/components/pdf/theme";
import type { PdfTask } from "@/lib/pdf/tasks";
import { pdfOverlaps, pdfText } from "./pdf-text";

type Doc = { _font: object | null; _fontSize: number; font(src: unknown, size?: number): Doc; end(): void };
const latin1 = (pdf: Uint8Array) => Buffer.from(pdf).toString("latin1");

/** The raw bytes of each embedded font program (FontFile2 streams) in a pdfkit PDF, in the order referenced. */
function fontPrograms(pdf: Uint8Array): string[] {
  const text = latin1(pdf);
  return [...text.matchAll(/\/FontFile2 (\d+) 0 R/g)].map(([, id]) => {
    const object = text.slice(text.indexOf(`\n${id} 0 obj\n`));
    const length = Number(object.match(/\/Length (\d+)/)![1]);
    const start = object.indexOf("stream\n") + "stream\n".length;
    return object.slice(start, start + length);
  });
}

/** Each page's width and height in points, to two places. */
const pageSizes = (pdf: Uint8Array) =>
  [...latin1(pdf).matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map(([, w, h]) => [Number(Number(w).toFixed(2)), Number(Number(h).toFixed(2))]);

const render = async (task: PdfTask) => (await renderDocument(task)) as Uint8Array;

/** Round `round`'s sample confirmation with `count` attendees of the given name. */
function confirmationWith(round: number, count: number, firstName: string, lastName: string): PdfTask {
  const task = sampleTasks(round)["booking-confirmation"] as Extract<PdfTask, { kind: "booking-confirmation" }>;
  const [first] = task.detail.attendees;
  const attendees = Array.from({ length: count }, (_, i) => ({ ...first, id: `p${i}`, firstName: `${firstName}${i + 1}`, lastName }));
  return { ...task, detail: { ...task.detail, attendees } };
}

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

describe("amounts as printed", () => {
  it("draws every character beside its neighbour: a decimal point after a 7 is not kerned under it", async () => {
    // Each of the confirmation's documents with every amount £17.50 (Inter kerns "7." by a quarter of an em).
    const withSevens = <T>(task: T): T => JSON.parse(
      JSON.stringify(task).replaceAll(/"(listAmount|unitAmount|amount|totalAmount|amountPaid|priceAmount)":\d+/g, (_m, k: string) => `"${k}":1750`),
      (_k, v: unknown) => (typeof v === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v) ? new Date(v) : v)) as T;
    for (const kind of ["invoice", "booking-confirmation", "tickets"] as const) {
      const pdf = await render(withSevens(sampleTasks(0)[kind]));
      expect(await pdfOverlaps(pdf), kind).toEqual([]);
      if (kind !== "tickets") expect(await pdfText(pdf), kind).toMatch(/£17\.50/);
    }
  });
});

describe("embedded fonts shared between documents", () => {
  it("embeds one font program for documents that print only common characters, and their own text", async () => {
    const sam = await render(confirmationWith(1, 2, "Sam", "Byrne"));
    const greta = await render(confirmationWith(2, 2, "Greta", "Lind"));
    const programs = fontPrograms(sam);
    expect(programs.length).toBeGreaterThan(0);
    expect(fontPrograms(greta)).toEqual(programs);
    expect(await pdfText(sam)).toMatch(/Sam1 Byrne/);
    expect(await pdfText(greta)).toMatch(/Greta1 Lind/);
    expect(await pdfText(greta)).not.toMatch(/Sam1/);
  });

  it("gives a document with other letters a program of its own, which prints them", async () => {
    const plain = fontPrograms(await render(confirmationWith(1, 2, "Sam", "Byrne")));
    const polish = await render(confirmationWith(1, 2, "Zoë", "Żółkiewski"));
    expect(fontPrograms(polish)).not.toEqual(plain);
    expect(await pdfText(polish)).toMatch(/Zoë1 Żółkiewski/);
    // Kept, it comes back the same for the next document with those letters.
    expect(fontPrograms(await render(confirmationWith(3, 2, "Zoë", "Żółkiewski")))).toEqual(fontPrograms(polish));
  });
});

describe("pages drawn without looking for page breaks", () => {
  it("keeps a confirmation that fits on one A4 page, its content ending above the footer's margin", async () => {
    const pdf = await render(confirmationWith(1, 4, "Sam", "Byrne"));
    expect(pdfPageCount(pdf)).toBe(1);
    expect(pageSizes(pdf)).toEqual([[595.28, PAGE_HEIGHT.A4]]);
    expect(contentEndFromTop(pdf)).toBeLessThan(PAGE_HEIGHT.A4 - 64);
  });

  it("draws a confirmation on counted pages when the one page overflows by a little or by a lot, losing no one", async () => {
    for (const count of [9, 12, 30]) {
      const pdf = await render(confirmationWith(1, count, "Sam", "Byrne"));
      const pages = pdfPageCount(pdf);
      expect(pages).toBeGreaterThan(1);
      // Pages of A4 only, counted in the footer, no destination left over from the attempt.
      expect(pageSizes(pdf)).toEqual(Array(pages).fill([595.28, PAGE_HEIGHT.A4]));
      expect(contentEndFromTop(pdf)).toBeNull();
      const text = await pdfText(pdf);
      expect(text).toMatch(new RegExp(`page ${pages} of ${pages}`));
      for (let i = 1; i <= count; i++) expect(text).toMatch(new RegExp(`Sam${i} Byrne`));
    }
  });

  it("prints each ticket on an A5 page of its own, from the top", async () => {
    const pdf = await render(sampleTasks(3).tickets);
    const pages = pdfPageCount(pdf);
    expect(pages).toBe(4);
    expect(pageSizes(pdf)).toEqual(Array(pages).fill([419.53, PAGE_HEIGHT.A5]));
    const lines = (await pdfText(pdf)).split("\f").map((page) => page.split("\n")[0]);
    expect(lines).toEqual(Array.from({ length: 4 }, (_, i) => expect.stringMatching(new RegExp(`Ticket ${i + 1} of 4`, "i"))));
  });
});

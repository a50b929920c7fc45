// PDFs render whatever folder the server was started from: the fonts are found from the module, not cwd.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createElement as h } from "react";
import { Document, Page, Text, renderToBuffer } from "@react-pdf/renderer";
import { PDF_FONT, pdfFontDir, registerPdfFonts } from "@/components/pdf/fonts";

const startDir = process.cwd();
afterEach(() => process.chdir(startDir));

describe("PDF fonts", () => {
  it("render with Inter when the process runs in an unrelated directory", async () => {
    process.chdir(mkdtempSync(path.join(os.tmpdir(), "turnout-cwd-")));
    registerPdfFonts();
    const pdf = await renderToBuffer(
      h(Document, null, h(Page, null, h(Text, { style: { fontFamily: PDF_FONT } }, "Łukasz Zoë"))),
    );
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    // The embedded font's name (a subset prefix, then Inter).
    expect(pdf.toString("latin1")).toMatch(/\/BaseFont \/[A-Z]{6}\+Inter/);
  });

  it("are looked up from the calling module's folder upwards", () => {
    const fromDeepFile = path.join(startDir, ".next", "server", "chunks", "ssr", "x.js");
    expect(pdfFontDir(fromDeepFile)).toBe(path.join(startDir, "node_modules", "@expo-google-fonts", "inter"));
    expect(() => pdfFontDir(path.join(os.tmpdir(), "nowhere", "x.js"))).toThrow(/PDF fonts not found/);
  });
});

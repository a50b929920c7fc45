// Inter for every PDF, registered once per process. An embedded TrueType font (not the PDF's built-in
// Helvetica) so names such as Łukasz or Zoë print correctly.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Font } from "@react-pdf/renderer";

export const PDF_FONT = "Inter";

const weights = { 400: "400Regular/Inter_400Regular.ttf", 600: "600SemiBold/Inter_600SemiBold.ttf", 700: "700Bold/Inter_700Bold.ttf" };

const FONT_PACKAGE = path.join("node_modules", "@expo-google-fonts", "inter");

/**
 * The folder of the Inter font files, found from this module's own location (walking up to the nearest
 * node_modules that has them), never from the working directory: a server started from another folder
 * must still render PDFs. Works both from the source file and from a compiled server chunk.
 */
export function pdfFontDir(from: string = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(from);
  for (;;) {
    // Not a path for the bundler to trace: the font package is read from node_modules at run time.
    const candidate = path.join(/*turbopackIgnore: true*/ dir, FONT_PACKAGE);
    if (existsSync(path.join(/*turbopackIgnore: true*/ candidate, weights[400]))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`PDF fonts not found: no ${FONT_PACKAGE} above ${path.dirname(from)}`);
    dir = parent;
  }
}

let registered = false;

export function registerPdfFonts() {
  if (registered) return;
  const dir = pdfFontDir();
  Font.register({
    family: PDF_FONT,
    fonts: Object.entries(weights).map(([weight, file]) => ({ src: path.join(/*turbopackIgnore: true*/ dir, file), fontWeight: Number(weight) })),
  });
  // Names and references must never be split across lines with a hyphen.
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}

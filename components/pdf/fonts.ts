// Inter for every PDF, registered once per thread that renders. An embedded TrueType font (not the PDF's
// built-in Helvetica) so names such as Łukasz or Zoë print correctly. The files are found from this module
// through the package resolver, so neither the working directory nor a bundler's output folder matters.
import { createRequire } from "node:module";
import { Font } from "@react-pdf/renderer";
import { reusePdfkitFonts } from "./pdfkit-fonts";

export const PDF_FONT = "Inter";

const weights = { 400: "400Regular/Inter_400Regular.ttf", 600: "600SemiBold/Inter_600SemiBold.ttf", 700: "700Bold/Inter_700Bold.ttf" };

let registered = false;

export function registerPdfFonts() {
  if (registered) return;
  const require = createRequire(import.meta.url);
  Font.register({
    family: PDF_FONT,
    fonts: Object.entries(weights).map(([weight, file]) => ({
      src: require.resolve(`@expo-google-fonts/inter/${file}`), fontWeight: Number(weight),
    })),
  });
  // Names and references must never be split across lines with a hyphen.
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}

/** The part of a fontkit font the text layout calls: shaping a string into glyphs and their positions. */
type Shaper = {
  layout(text: string, features?: unknown, script?: string, language?: string, direction?: string): ShapedRun;
};
type ShapedRun = { glyphs: unknown[]; positions: object[] } & Record<string, unknown>;

// Shaping a string with Inter's OpenType features (contextual alternates, kerning) was most of a document's
// render time, and documents repeat the same strings (headings, labels, the seller, amounts): each font keeps
// the shapes it made. Bounded, since names and references are endless.
const SHAPES_PER_FONT = 20_000;

/** Wraps a font's layout with a cache; each caller gets its own arrays, as a fresh layout would give. */
export function cacheShaping(font: Shaper) {
  const shape = font.layout.bind(font);
  const shapes = new Map<string, ShapedRun>();
  font.layout = (text, features, script, language, direction) => {
    const key = `${script ?? ""}|${language ?? ""}|${direction ?? ""}|${JSON.stringify(features ?? null)}|${text}`;
    let run = shapes.get(key);
    if (!run) {
      run = shape(text, features, script, language, direction);
      if (shapes.size >= SHAPES_PER_FONT) shapes.clear();
      shapes.set(key, run);
    }
    // Same class as fontkit's own run (its getters stay), with arrays and positions of its own.
    return Object.assign(Object.create(Object.getPrototypeOf(run) as object) as ShapedRun, run, {
      glyphs: [...run.glyphs], positions: run.positions.map((p) => ({ ...p })),
    });
  };
}

let loaded: Promise<void> | undefined;

/** Registers the fonts and loads every weight once per thread, with its shaping cache. */
export function loadPdfFonts(): Promise<void> {
  registerPdfFonts();
  reusePdfkitFonts();
  loaded ??= Promise.all(Object.keys(weights).map(async (weight) => {
    const descriptor = { fontFamily: PDF_FONT, fontWeight: Number(weight) };
    await Font.load(descriptor);
    cacheShaping(Font.getFont(descriptor).data as unknown as Shaper);
  })).then(() => undefined);
  return loaded;
}

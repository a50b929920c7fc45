// Two pieces of font work pdfkit repeats with the same result, as @react-pdf/renderer drives it:
// - every text run sets its font by passing the fontkit font itself, which pdfkit cannot look up by name, so
//   it wraps the font again and compares the new wrapper's name table (as JSON) with the one it already has,
//   only to keep the one it had;
// - every document loads Helvetica as its starting font, parsing Helvetica's metrics again, though our
//   documents set their own font before any text (Helvetica is still loaded when a document asks for it).
// A confirmation's three PDFs spent about a twentieth of their time there. Both are undone here, once per
// thread, on pdfkit's document class: each document keeps its wrapper per fontkit font, and starts with no font.
import PDFDocument from "pdfkit";

type FontSetter = (this: PdfkitDocument, src: unknown, family?: unknown, size?: unknown) => PdfkitDocument;
type PdfkitDocument = { _font: object | null; _fontSource: unknown; _fontFamily: unknown; fontSize(size: unknown): unknown };
type PdfkitPrototype = {
  font: FontSetter;
  initFonts(this: PdfkitDocument, defaultFont?: unknown, defaultFamily?: unknown, defaultSize?: unknown): void;
  [patched]?: true;
};

const patched = Symbol.for("turnout.pdfkit-fonts");

/** A fontkit font (what the layout hands pdfkit): an object that lays out text. */
const isFontkitFont = (src: unknown): src is object =>
  typeof src === "object" && src !== null && typeof (src as { layout?: unknown }).layout === "function";

export function reusePdfkitFonts() {
  const proto = (PDFDocument as unknown as { prototype: PdfkitPrototype }).prototype;
  if (proto[patched]) return;
  const setFont = proto.font;
  const initFonts = proto.initFonts;
  const wrappers = new WeakMap<PdfkitDocument, Map<object, object>>();

  proto.font = function (src, family, size) {
    if (!isFontkitFont(src)) return setFont.call(this, src, family, size);
    if (typeof family === "number") [size, family] = [family, null];
    let known = wrappers.get(this);
    if (!known) wrappers.set(this, (known = new Map()));
    const wrapper = known.get(src);
    if (!wrapper) {
      setFont.call(this, src, family, size);
      known.set(src, this._font!);
      return this;
    }
    // What pdfkit's own font() leaves behind when it finds the font it already has.
    this._fontSource = src;
    this._fontFamily = family ?? null;
    if (size != null) this.fontSize(size);
    this._font = wrapper;
    return this;
  };

  proto.initFonts = function (defaultFont, defaultFamily, defaultSize) {
    initFonts.call(this, defaultFont ?? null, defaultFamily, defaultSize);
  };
  proto[patched] = true;
}

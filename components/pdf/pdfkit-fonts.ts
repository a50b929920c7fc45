// Two pieces of font work pdfkit repeats with the same result, as @react-pdf/renderer drives it:
// - every text run sets its font by passing the fontkit font itself, which pdfkit cannot look up by name, so
//   it wraps the font again and compares the new wrapper's name table (as JSON) with the one it already has,
//   only to keep the one it had;
// - every document loads Helvetica as its starting font, parsing Helvetica's metrics again, though our
//   documents set their own font before any text (Helvetica is still loaded when a document asks for it).
// A confirmation's three PDFs spent about a twentieth of their time there. Both are undone here, once per
// thread, on pdfkit's document class: each document keeps its wrapper per fontkit font, and starts with no font.
//
// A third: every document embeds the glyphs it used as a font program of their own (a subset), encoded and
// compressed again for each document, about a sixth of a confirmation's render time. The glyphs were numbered in
// the order the text first used them, so no two documents' subsets were alike. Here each document's font starts
// with the same glyphs in the same order (COMMON_CHARACTERS, with their widths and the characters they print), and
// the encoded, compressed program is kept per glyph list: the documents that use nothing else (most of them) share
// one, and a document that adds a glyph (Ł, say) gets a program of its own, kept in turn. A document is a few
// kilobytes larger for the common glyphs it does not print.
import { deflateSync } from "node:zlib";
import PDFDocument from "pdfkit";

/** The glyphs every document's embedded font starts with: printable ASCII and the typography our documents use. */
export const COMMON_CHARACTERS = `${Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("")}£€·–—‘’“”…×\u00a0`;

/** The encoded, compressed font programs kept per fontkit font: this many glyph lists each. */
const PROGRAMS_PER_FONT = 32;

type FontSetter = (this: PdfkitDocument, src: unknown, family?: unknown, size?: unknown) => PdfkitDocument;
type PdfkitDocument = { _font: object | null; _fontSource: unknown; _fontFamily: unknown; fontSize(size: unknown): unknown };
type Glyph = { id: number; advanceWidth: number };
type FontkitFont = { glyphForCodePoint(codePoint: number): Glyph };
/** pdfkit's wrapper of a fontkit font in one document (its EmbeddedFont), as far as embedding goes. */
type EmbeddedFont = {
  font: FontkitFont;
  scale: number;
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  subset: { glyphs: number[]; cff?: unknown; includeGlyph(id: number): number; encode(): Uint8Array };
  document: { ref(data?: object): unknown };
  embed(this: EmbeddedFont): unknown;
};
type EmbeddedFontPrototype = { embed: EmbeddedFont["embed"]; [patched]?: true };
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
      const embedded = this._font as unknown as EmbeddedFont;
      shareFontPrograms(Object.getPrototypeOf(embedded) as EmbeddedFontPrototype);
      startWithCommonGlyphs(embedded);
      known.set(src, embedded);
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

/** Numbers the common glyphs first, in one order, with the widths and characters pdfkit records on first use. */
function startWithCommonGlyphs(embedded: EmbeddedFont) {
  if (embedded.subset.cff != null) return;
  for (const character of COMMON_CHARACTERS) {
    const codePoint = character.codePointAt(0)!;
    const glyph = embedded.font.glyphForCodePoint(codePoint);
    const gid = embedded.subset.includeGlyph(glyph.id);
    embedded.widths[gid] ??= glyph.advanceWidth * embedded.scale;
    embedded.unicode[gid] ??= [codePoint];
  }
}

const programs = new WeakMap<FontkitFont, Map<string, Uint8Array>>();

/**
 * pdfkit's embed() with the font program taken from the kept ones when this glyph list was embedded before:
 * the program goes into the document already compressed (its stream marked FlateDecode, so pdfkit does not
 * compress it again), and everything else embed() writes (widths, descriptor, ToUnicode) is pdfkit's own.
 */
function shareFontPrograms(proto: EmbeddedFontPrototype) {
  if (proto[patched]) return;
  const embed = proto.embed;
  proto.embed = function (this: EmbeddedFont) {
    const subset = this.subset;
    if (subset.cff != null) return embed.call(this);
    let kept = programs.get(this.font);
    if (!kept) programs.set(this.font, (kept = new Map()));
    // The glyphs as used; encoding adds the parts of composite glyphs, the same for the same list.
    const key = subset.glyphs.join(",");
    let program = kept.get(key);
    if (!program) {
      program = deflateSync(subset.encode());
      if (kept.size >= PROGRAMS_PER_FONT) kept.delete(kept.keys().next().value!);
      kept.set(key, program);
    }
    const document = this.document;
    const ref = document.ref;
    const compressed = program;
    // embed() asks for the font file's stream first, then hands it what encode() returns.
    document.ref = (data) => {
      document.ref = ref;
      return ref.call(document, { ...data, Filter: "FlateDecode" });
    };
    subset.encode = () => compressed;
    try {
      return embed.call(this);
    } finally {
      document.ref = ref;
      delete (subset as Partial<EmbeddedFont["subset"]>).encode;
    }
  };
  proto[patched] = true;
}

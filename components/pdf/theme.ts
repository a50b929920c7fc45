// Colours and type for PDF documents, matching the site's brand (app/globals.css --color-brand-*).
import { StyleSheet } from "@react-pdf/renderer";
import { PDF_FONT } from "./fonts";

export const colors = {
  brand50: "#eef6f4",
  brand100: "#d5ebe5",
  brand600: "#0f6b5c",
  brand700: "#0b5549",
  brand800: "#08413a",
  accent: "#e0892b",
  text: "#1c1917",
  muted: "#57534e",
  rule: "#d6d3d1",
};

/** Page heights in points. A page that must not break (wrap={false}) sets its own height as its minimum:
 * react-pdf otherwise makes such a page only as tall as its content, and draws it at the foot of the sheet. */
export const PAGE_HEIGHT = { A4: 841.89, A5: 595.28 } as const;

/**
 * Inter's contextual alternates (arrows drawn from "->", a hyphen raised between capitals) are off: shaping each
 * new string with them (every customer's name and address) took three times as long as without, and nothing
 * our documents print needs them. Kerning is off too: Inter kerns "7." by a quarter of an em, which in PDF
 * viewers drew the decimal point under the 7, so that £17.50 read as £1750 on an invoice.
 */
export const TEXT_FEATURES = { calt: false, kern: false };

export const styles = StyleSheet.create({
  page: { fontFamily: PDF_FONT, fontFeatureSettings: TEXT_FEATURES, fontSize: 9.5, color: colors.text, paddingTop: 40, paddingBottom: 64, paddingHorizontal: 44 },
  sectionTitle: { fontSize: 8, fontWeight: 600, color: colors.brand700, textTransform: "uppercase", marginBottom: 4 },
  muted: { color: colors.muted },
  small: { fontSize: 8 },
  bold: { fontWeight: 700 },
  note: { marginTop: 14, padding: 10, backgroundColor: colors.brand50, borderLeftWidth: 3, borderLeftColor: colors.brand600 },
});

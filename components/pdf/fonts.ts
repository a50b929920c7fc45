// Inter for every PDF, registered once per process. An embedded TrueType font (not the PDF's built-in
// Helvetica) so names such as Łukasz or Zoë print correctly.
import path from "node:path";
import { Font } from "@react-pdf/renderer";

export const PDF_FONT = "Inter";

const weights = { 400: "400Regular/Inter_400Regular.ttf", 600: "600SemiBold/Inter_600SemiBold.ttf", 700: "700Bold/Inter_700Bold.ttf" };

let registered = false;

export function registerPdfFonts() {
  if (registered) return;
  const dir = path.join(process.cwd(), "node_modules", "@expo-google-fonts", "inter");
  Font.register({
    family: PDF_FONT,
    fonts: Object.entries(weights).map(([weight, file]) => ({ src: path.join(dir, file), fontWeight: Number(weight) })),
  });
  // Names and references must never be split across lines with a hyphen.
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}

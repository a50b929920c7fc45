// Inter for every PDF, registered once per thread that renders. An embedded TrueType font (not the PDF's
// built-in Helvetica) so names such as Łukasz or Zoë print correctly. The files are found from this module
// through the package resolver, so neither the working directory nor a bundler's output folder matters.
import { createRequire } from "node:module";
import { Font } from "@react-pdf/renderer";

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

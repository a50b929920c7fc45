// The text of a PDF as printed, read in JavaScript (PDF.js) so the tests need no system PDF tools. Each
// printed line becomes one text line: pieces on the same baseline, left to right, with one space where the
// page shows a gap between words, more for a column's width (much like `pdftotext -layout`). Assertions can then check what sits
// on one line (`/Total\s+£360\.00/`) the way they would read the page.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { TextItem } from "pdfjs-dist/types/src/display/api";

/** Points per character cell when gaps become spaces: about one character of 9-point type. */
const CELL_WIDTH = 5;

type Piece = { text: string; x: number; y: number; right: number; size: number };

export async function pdfText(pdf: Buffer | Uint8Array): Promise<string> {
  // PDF.js takes ownership of the bytes it is given; hand it a copy so the caller's buffer stays usable.
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(layOut(content.items.filter((i): i is TextItem => "str" in i)));
      page.cleanup();
    }
    return pages.join("\f");
  } finally {
    await doc.destroy();
  }
}

/** Groups text pieces into printed lines, top to bottom, each read left to right. */
export function layOut(items: TextItem[]): string {
  const pieces: Piece[] = items
    // PDF.js adds whitespace pieces that span gaps; the gaps are measured here instead.
    .filter((i) => i.str.trim().length > 0)
    .map((i) => {
      const [a, b, , , x, y] = i.transform;
      const size = Math.hypot(a, b) || i.height || 10;
      return { text: i.str, x, y, right: x + i.width, size };
    })
    .sort((p, q) => q.y - p.y || p.x - q.x);

  const lines: Piece[][] = [];
  for (const piece of pieces) {
    const line = lines.at(-1);
    // Same line when the baselines are closer than a third of the type size (cells of one table row
    // printed in different sizes still share it).
    if (line && Math.abs(line[0].y - piece.y) < Math.max(line[0].size, piece.size) / 3) line.push(piece);
    else lines.push([piece]);
  }

  // Wide gaps are laid out on a grid of character cells measured from the page's leftmost text, so a
  // column starts at the same place on every line, as in the print.
  const left = Math.min(...pieces.map((p) => p.x));
  return lines.map((line) => {
    line.sort((p, q) => p.x - q.x);
    let text = "";
    let right = left;
    for (const piece of line) {
      const gap = piece.x - right;
      // A word gap is about a quarter of the type size; a wider one is a column's or an indent's.
      if (gap > piece.size * 0.15) {
        const column = Math.round((piece.x - left) / CELL_WIDTH);
        text += " ".repeat(gap > piece.size ? Math.max(text ? 2 : 0, column - text.length) : 1);
      }
      text += piece.text;
      right = Math.max(right, piece.right);
    }
    return text.trimEnd();
  }).join("\n") + "\n";
}

/**
 * Pieces of text drawn over the one before them on the same line (more than `tolerance` points), as
 * "£17 | .50": a character hidden under its neighbour, such as a decimal point kerned under a 7.
 */
export async function pdfOverlaps(pdf: Buffer | Uint8Array, tolerance = 0.25): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const found: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const items = (await page.getTextContent()).items.filter((i): i is TextItem => "str" in i && i.str.length > 0);
      for (let k = 1; k < items.length; k++) {
        const [prev, next] = [items[k - 1], items[k]];
        if (Math.abs(prev.transform[5] - next.transform[5]) > 0.1) continue;
        if (next.transform[4] < prev.transform[4] + prev.width - tolerance && next.transform[4] > prev.transform[4])
          found.push(`${prev.str} | ${next.str}`);
      }
      page.cleanup();
    }
    return found;
  } finally {
    await doc.destroy();
  }
}

// QR codes of tickets (the `qrcode` library): used by the API and inside the PDF threads, which draw the
// ticket PDF's codes themselves so the thread answering requests never encodes PNGs for a burst of payments.
import QRCode from "qrcode";
import { encodePng } from "@/lib/pdf/png";

// Error correction M survives a scuffed print or a cracked phone screen; a quiet zone of two modules.
const ERROR_CORRECTION = "M";
const MARGIN = 2;

/** A PNG of the QR code (RGBA, as `qrcode` draws it). */
export function qrPng(text: string, scale = 8): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: "png", errorCorrectionLevel: ERROR_CORRECTION, margin: MARGIN, scale });
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: ERROR_CORRECTION, margin: MARGIN });
}

/**
 * The same picture as qrPng, pixel for pixel, as a black-and-white PNG (1 bit per pixel, no alpha) made
 * straight from the code's modules. A PDF embeds such a PNG's compressed data as it is; qrPng's RGBA PNG
 * costs an encode here, then a decode, a split into colour and alpha and two compressions in every PDF.
 */
export function qrBitmapPng(text: string, scale = 8): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: ERROR_CORRECTION });
  const side = (modules.size + 2 * MARGIN) * scale;
  // Each scanline: filter type 0 (none), then the pixels, 1 = white, first pixel in the high bit.
  const rowBytes = 1 + Math.ceil(side / 8);
  const raw = Buffer.alloc(rowBytes * side, 0xff);
  for (let y = 0; y < side; y++) raw[y * rowBytes] = 0;
  // One scanline per row of modules, copied to the scale - 1 lines below it.
  for (let my = 0; my < modules.size; my++) {
    const first = (my + MARGIN) * scale * rowBytes;
    for (let mx = 0; mx < modules.size; mx++) {
      if (!modules.get(my, mx)) continue;
      for (let x = (mx + MARGIN) * scale, end = x + scale; x < end; x++) raw[first + 1 + (x >> 3)] &= ~(0x80 >> (x & 7));
    }
    for (let line = 1; line < scale; line++) raw.copy(raw, first + line * rowBytes, first, first + rowBytes);
  }
  return encodePng({ width: side, height: side, bitDepth: 1, colourType: 0 }, raw); // 1-bit greyscale
}

// QR codes of tickets (the `qrcode` library): used by the API and inside the PDF threads, which draw the
// ticket PDF's codes themselves so the thread answering requests never encodes PNGs for a burst of payments.
import QRCode from "qrcode";

/** A PNG of the QR code; error correction M survives a scuffed print or a cracked phone screen. */
export function qrPng(text: string, scale = 8): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: "png", errorCorrectionLevel: "M", margin: 2, scale });
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

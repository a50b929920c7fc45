"use client";
// Reads the QR code in a photo or a screenshot of a ticket. ZXing's finder misjudges the modules of about one
// crisp, computer-drawn code in thirty (a pattern of the data, whatever the size it is drawn at): such a picture
// is read again as nothing but the code (a screenshot, the ticket's own image), then drawn smaller (a photo).
import type { Result } from "@zxing/library";

/** The text of the QR code in the image at `url`, or null when none can be read. */
export async function readQrPhoto(url: string): Promise<string | null> {
  const [{ BrowserQRCodeReader }, { DecodeHintType }] = await Promise.all([import("@zxing/browser"), import("@zxing/library")]);
  const image = await loadImage(url);
  const attempts: (() => Promise<Result>)[] = [
    () => new BrowserQRCodeReader().decodeFromImageElement(image),
    () => new BrowserQRCodeReader(new Map([[DecodeHintType.PURE_BARCODE, true]])).decodeFromImageElement(image),
    async () => new BrowserQRCodeReader().decodeFromCanvas(drawn(image, 0.6)),
  ];
  for (const attempt of attempts) {
    try {
      return (await attempt()).getText();
    } catch {
      // not found this way: the next one
    }
  }
  return null;
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error("The file is not an image this browser can show."));
    image.src = url;
  });
}

function drawn(image: HTMLImageElement, scale: number): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
  canvas.getContext("2d")!.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas;
}

"use client";
// Reads ticket QR codes from a photo, a screenshot or the camera. ZXing's finder misjudges the modules of about
// one crisp, computer-drawn code in thirty (a pattern of the data, whatever the size it is drawn at), and a
// ticket shown on a phone's screen is exactly such a code. So every picture, and every camera frame, is read
// the plain way first, then as nothing but the code (a screenshot, the ticket's own image), then drawn smaller
// (a photo, a frame).
import type { BrowserQRCodeReader } from "@zxing/browser";

type Readers = { plain: BrowserQRCodeReader; pure: BrowserQRCodeReader };
let readers: Promise<Readers> | null = null;

function loadReaders(): Promise<Readers> {
  readers ??= Promise.all([import("@zxing/browser"), import("@zxing/library")]).then(([{ BrowserQRCodeReader }, { DecodeHintType }]) => ({
    plain: new BrowserQRCodeReader(),
    pure: new BrowserQRCodeReader(new Map([[DecodeHintType.PURE_BARCODE, true]])),
  }));
  return readers;
}

/**
 * The text of the QR code in `canvas`, or null when none can be read. `smaller` is where the last attempt draws
 * it (the camera passes the same one for every frame).
 */
export async function readQr(canvas: HTMLCanvasElement, smaller = document.createElement("canvas")): Promise<string | null> {
  const { plain, pure } = await loadReaders();
  const attempts = [() => plain.decodeFromCanvas(canvas), () => pure.decodeFromCanvas(canvas), () => plain.decodeFromCanvas(drawn(canvas, canvas.width, canvas.height, 0.6, smaller))];
  for (const attempt of attempts) {
    try {
      return attempt().getText();
    } catch {
      // not found this way: the next one
    }
  }
  return null;
}

/** The text of the QR code in the image at `url`, or null when none can be read. */
export async function readQrPhoto(url: string): Promise<string | null> {
  const image = await loadImage(url);
  return readQr(drawn(image, image.naturalWidth, image.naturalHeight, 1, document.createElement("canvas")));
}

export type CameraWatch = { stop(): void };

/**
 * Shows the back camera in `video` and reads its frames, a few a second, until stopped; `onCode` gets the text
 * of every code read (the same code again on every frame that shows it). Throws when no camera can be opened.
 */
export async function watchCamera(video: HTMLVideoElement, onCode: (text: string) => void): Promise<CameraWatch> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
  let stopped = false;
  let timer: number | undefined;
  const stop = () => {
    stopped = true;
    window.clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  try {
    video.srcObject = stream;
    await video.play();
  } catch (error) {
    stop();
    throw error;
  }
  // Two canvases for the whole watch: each frame is drawn over the last.
  const frame = document.createElement("canvas");
  const smaller = document.createElement("canvas");
  const look = async () => {
    if (stopped) return;
    if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) {
      const text = await readQr(drawn(video, video.videoWidth, video.videoHeight, 1, frame), smaller);
      if (text !== null && !stopped) onCode(text);
    }
    if (!stopped) timer = window.setTimeout(look, 250);
  };
  void look();
  return { stop };
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error("The file is not an image this browser can show."));
    image.src = url;
  });
}

/** `source` drawn at `scale` onto `canvas` (resized to fit), which is returned. */
function drawn(source: CanvasImageSource, width: number, height: number, scale: number, canvas: HTMLCanvasElement): HTMLCanvasElement {
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  // Resizing a canvas throws its pixels and state away: only when the size changes.
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const context = canvas.getContext("2d", { willReadFrequently: true })!;
  context.clearRect(0, 0, w, h);
  context.drawImage(source, 0, 0, w, h);
  return canvas;
}

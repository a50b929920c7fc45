import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { qrBitmapPng, qrPng } from "./qr";

/** Black (true) or white for each pixel, as pngjs (an independent decoder) reads the picture. */
function pixels(png: Buffer) {
  const { width, height, data } = PNG.sync.read(png);
  return { width, height, dark: Array.from({ length: width * height }, (_, i) => data[i * 4] < 128) };
}

describe("qrBitmapPng", () => {
  it.each([
    ["a ticket's token", "TURNOUT-TICKET-0b9f3c1e-5d2a-4c7e-9f00-000000000042", 8],
    ["a short text at another scale", "A1", 5],
    ["a long text at scale 1", "x".repeat(300), 1],
  ])("draws %s pixel for pixel as qrcode's own PNG", async (_, text, scale) => {
    const ours = pixels(qrBitmapPng(text, scale));
    const theirs = pixels(await qrPng(text, scale));
    expect([ours.width, ours.height]).toEqual([theirs.width, theirs.height]);
    expect(ours.dark).toEqual(theirs.dark);
    expect(ours.dark.some(Boolean)).toBe(true);
  });
});

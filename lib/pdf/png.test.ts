import { readFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { encodePng, flattenPngAlpha, readPng } from "./png";

/** Pixels as pngjs (an independent decoder) reads them: always RGBA, 4 bytes per pixel. */
function decode(png: Buffer) {
  return PNG.sync.read(png);
}

function over(colour: number, alpha: number, under = 255) {
  return Math.round((colour * alpha + under * (255 - alpha)) / 255);
}

describe("flattenPngAlpha", () => {
  it("lays the project's logo on white: an opaque RGB picture, pixel for pixel the composite", () => {
    const logo = readFileSync("public/logo.png");
    const before = decode(logo);
    const flat = flattenPngAlpha(logo);
    expect(readPng(flat)!.header).toMatchObject({ colourType: 2, bitDepth: 8, width: before.width, height: before.height });
    const after = decode(flat);
    const expected = Buffer.alloc(before.data.length);
    let translucent = 0;
    for (let i = 0; i < before.data.length; i += 4) {
      const alpha = before.data[i + 3];
      if (alpha < 255) translucent++;
      for (let c = 0; c < 3; c++) expected[i + c] = over(before.data[i + c], alpha);
      expected[i + 3] = 255;
    }
    expect(Buffer.from(after.data).equals(expected)).toBe(true);
    expect(translucent).toBeGreaterThan(0); // the case this exists for
  });

  it("undoes every row filter (none, sub, up, average, Paeth) of RGBA and grey+alpha pictures", () => {
    for (const [colourType, channels] of [[6, 4], [4, 2]] as const) {
      const width = 7;
      const height = 5;
      const pixels = Buffer.alloc(width * height * channels);
      for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 37 + 11) % 256;
      // Filter each row with the type of its index, as an encoder choosing per row would.
      const stride = width * channels;
      const raw = Buffer.alloc((stride + 1) * height);
      for (let y = 0; y < height; y++) {
        const filter = y % 5;
        raw[y * (stride + 1)] = filter;
        for (let x = 0; x < stride; x++) {
          const at = y * stride + x;
          const a = x >= channels ? pixels[at - channels] : 0;
          const b = y > 0 ? pixels[at - stride] : 0;
          const c = x >= channels && y > 0 ? pixels[at - stride - channels] : 0;
          const p = a + b - c;
          const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
          const predicted = [0, a, b, (a + b) >> 1, paeth][filter];
          raw[y * (stride + 1) + 1 + x] = (pixels[at] - predicted) & 0xff;
        }
      }
      const png = encodePng({ width, height, bitDepth: 8, colourType }, raw);
      const source = decode(png);
      const flat = decode(flattenPngAlpha(png));
      for (let i = 0; i < source.data.length; i += 4) {
        for (let c = 0; c < 3; c++) expect(flat.data[i + c]).toBe(over(source.data[i + c], source.data[i + 3]));
      }
    }
  });

  it("returns opaque, 16-bit and non-PNG input unchanged", () => {
    const opaque = encodePng({ width: 2, height: 1, bitDepth: 8, colourType: 2 }, Buffer.from([0, 1, 2, 3, 4, 5, 6]));
    expect(flattenPngAlpha(opaque)).toBe(opaque);
    const deep = encodePng({ width: 1, height: 1, bitDepth: 16, colourType: 6 }, Buffer.alloc(9));
    expect(flattenPngAlpha(deep)).toBe(deep);
    const notPng = Buffer.from("GIF89a not a png at all, but long enough to be read");
    expect(flattenPngAlpha(notPng)).toBe(notPng);
    expect(readPng(Buffer.concat([deflateSync(Buffer.alloc(10))]))).toBeNull();
  });
});

// PNG pictures in the form a PDF embeds cheaply. pdfkit copies an opaque PNG's compressed data into the PDF as
// it is, but a PNG with an alpha channel is decoded, split into colour and mask and compressed twice, in every
// document it appears in: about a sixth of an invoice's render time for the seller's logo.
import { crc32, deflateSync, inflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// PNG colour types (the IHDR byte) and their channels.
const GREY = 0;
const RGB = 2;
const GREY_ALPHA = 4;
const RGBA = 6;

export type PngHeader = { width: number; height: number; bitDepth: number; colourType: number; interlaced: boolean };

/** A PNG file of `raw` scanlines, each already led by its filter byte. */
export function encodePng(header: Omit<PngHeader, "interlaced">, raw: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(header.width, 0);
  ihdr.writeUInt32BE(header.height, 4);
  ihdr.set([header.bitDepth, header.colourType, 0, 0, 0], 8); // deflate, adaptive filtering, not interlaced
  return Buffer.concat([SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** The header and joined image data of a PNG file, or null when `png` is not one. */
export function readPng(png: Buffer): { header: PngHeader; data: Buffer } | null {
  if (png.length < SIGNATURE.length + 25 || !png.subarray(0, 8).equals(SIGNATURE)) return null;
  let header: PngHeader | null = null;
  const data: Buffer[] = [];
  for (let at = 8; at + 12 <= png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8], colourType: body[9], interlaced: body[12] === 1 };
    } else if (type === "IDAT") data.push(body);
    else if (type === "IEND") break;
    at += 12 + length;
  }
  return header ? { header, data: Buffer.concat(data) } : null;
}

/**
 * The picture laid on `background` (white by default, the page's colour) without its alpha channel, so that
 * it prints the same and embeds without decoding. Only 8-bit, non-interlaced grey+alpha and RGBA pictures are
 * redrawn; any other PNG (already opaque, or a form this does not read) is returned unchanged.
 */
export function flattenPngAlpha(png: Buffer, background: [number, number, number] = [255, 255, 255]): Buffer {
  const parsed = readPng(png);
  if (!parsed) return png;
  const { header } = parsed;
  if (header.bitDepth !== 8 || header.interlaced || (header.colourType !== RGBA && header.colourType !== GREY_ALPHA)) return png;
  const channels = header.colourType === RGBA ? 4 : 2;
  const colours = channels - 1;
  const pixels = unfilter(inflateSync(parsed.data), header.width, header.height, channels);
  const outRow = 1 + header.width * colours;
  const out = Buffer.alloc(outRow * header.height); // filter byte 0 (none) on every row
  for (let y = 0; y < header.height; y++) {
    for (let x = 0; x < header.width; x++) {
      const from = (y * header.width + x) * channels;
      const alpha = pixels[from + colours];
      for (let c = 0; c < colours; c++) {
        const under = colours === 1 ? Math.round((background[0] + background[1] + background[2]) / 3) : background[c];
        out[y * outRow + 1 + x * colours + c] = Math.round((pixels[from + c] * alpha + under * (255 - alpha)) / 255);
      }
    }
  }
  return encodePng({ width: header.width, height: header.height, bitDepth: 8, colourType: colours === 3 ? RGB : GREY }, out);
}

/** Undoes the per-row filters of 8-bit image data: the pixels, row after row, without filter bytes. */
function unfilter(raw: Buffer, width: number, height: number, bpp: number): Buffer {
  const stride = width * bpp;
  if (raw.length < (stride + 1) * height) throw new Error("PNG image data is shorter than its header says");
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = y * stride;
    const previous = line - stride;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const a = x >= bpp ? out[line + x - bpp] : 0;
      const b = y > 0 ? out[previous + x] : 0;
      const c = x >= bpp && y > 0 ? out[previous + x - bpp] : 0;
      let predicted = 0;
      if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) predicted = paeth(a, b, c);
      else if (filter !== 0) throw new Error(`unknown PNG filter ${filter}`);
      out[line + x] = (value + predicted) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

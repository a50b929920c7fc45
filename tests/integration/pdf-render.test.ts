// PDFs are drawn in worker threads that find their fonts and logo from the code, whatever the working
// directory, and documents rendered at once are all complete.
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { getBookingDetail } from "@/db/queries/bookings";
import { env } from "@/lib/env";
import { ensureInvoicePdf, renderBookingConfirmationPdf } from "@/lib/invoices/render";
import { sellerSnapshot } from "@/lib/invoices/snapshot";
import { Font } from "@react-pdf/renderer";
import { loadPdfFonts, PDF_FONT } from "@/components/pdf/fonts";
import { pdfPageCount } from "@/components/pdf/render-document";
import { closePdfPool, pdfThreads, renderPdf, warmPdfPool } from "@/lib/pdf/render-pool";
import { qrPng } from "@/lib/tickets/qr";
import { ticketQrText } from "@/lib/tickets/secret";
import { pdfImagesAsPng } from "../../e2e/fixtures/pdf-images";
import { qrTextOf } from "../../e2e/fixtures/qr-text";
import { createSessionFixture, db } from "../fixtures";
import { createPaidBooking, invoiceOf, pdfText, withEnv } from "../finance-fixtures";

type Shaped = { glyphs: { id: number }[]; positions: { xAdvance: number; xOffset: number }[] };
type ShapingFont = { layout(text: string): Shaped };

/** The nice value of each thread of this process (Linux: field 19 of /proc/<pid>/task/<tid>/stat). */
/** Each thread of this process: its nice value and its scheduling policy (0 normal, 5 SCHED_IDLE), from /proc. */
function threadPriorities(): { nice: number; policy: number }[] {
  return readdirSync("/proc/self/task").map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { nice: Number(fields[16]), policy: Number(fields[38]) };
  });
}
const threadNiceValues = () => threadPriorities().map((t) => t.nice);
const SCHED_IDLE = 5;
/** Whether util-linux's chrt, which sets SCHED_IDLE, is on this machine (looked up on PATH, not run). */
const chrtInstalled = (process.env.PATH ?? "").split(":").some((dir) => dir && existsSync(`${dir}/chrt`));

/**
 * The fonts and images a PDF embeds, read from its object dictionaries (only streams are compressed in the
 * documents we render, so the dictionaries are plain text): no PDF tools needed on the machine.
 */
function embedded(pdf: Buffer) {
  const text = pdf.toString("latin1");
  const fonts = [...text.matchAll(/\/BaseFont\s*\/(?:[A-Z]{6}\+)?([\w-]+)/g)].map((m) => m[1]);
  // An image with transparency is two image objects: the picture and its alpha mask (named by /SMask).
  const images = [...text.matchAll(/\/Subtype\s*\/Image\b/g)].length - [...text.matchAll(/\/SMask\s+\d+\s+\d+\s+R/g)].length;
  return { fonts, images };
}

function samePixels(a: Buffer, b: Buffer) {
  const x = PNG.sync.read(a);
  const y = PNG.sync.read(b);
  return x.width === y.width && x.height === y.height && x.data.every((v, i) => i % 4 === 3 || v === y.data[i]);
}

describe("PDF rendering", () => {
  it("embeds Inter and the logo when the process runs from another folder", async () => {
    const { session } = await createSessionFixture({ priceAmount: 9_000, startsInDays: 30 });
    const booking = await createPaidBooking(session.id, { attendees: [{ firstName: "Zoë", lastName: "Łukasz" }] });
    const inv = (await invoiceOf(booking.id))!;
    const cwd = process.cwd();
    await closePdfPool(); // new threads, started from the other folder
    process.chdir(mkdtempSync(path.join(tmpdir(), "turnout-cwd-")));
    try {
      const { pdf } = (await ensureInvoicePdf(db(), inv.id))!;
      expect(await pdfText(pdf)).toContain("Zoë Łukasz");
      const { fonts, images } = embedded(pdf);
      for (const weight of ["Inter-Regular", "Inter-SemiBold", "Inter-Bold"]) expect(fonts).toContain(weight);
      expect(fonts.filter((f) => !f.startsWith("Inter-"))).toEqual([]);
      expect(images).toBe(1);
    } finally {
      process.chdir(cwd);
    }
  });

  it("renders many documents at once, each complete", async () => {
    const printedAt = new Date("2031-01-01T12:00:00Z");
    const pdfs = await Promise.all(Array.from({ length: 8 }, () => renderPdf({ kind: "requirements", sessions: [], printedAt })));
    for (const pdf of pdfs) {
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      expect(await pdfText(pdf)).toContain("No upcoming sessions match.");
    }
  });

  it("prints each ticket's QR code as the picture the API serves, which reads back as the ticket's code", async () => {
    const codes = [1, 2, 3].map(() => ticketQrText(randomUUID(), 1));
    const pdf = await renderPdf({
      kind: "tickets",
      ticket: {
        sellerName: "Turnout Training Ltd", course: "First Aid at Work", when: "Fri 14 Mar 2031, 09:00–16:30 GMT",
        venue: ["Harbourside Training Centre"], reference: "TRN-7K4Q2M",
        tickets: codes.map((qrText, i) => ({ attendeeName: `Attendee ${i + 1}`, ticketType: "Standard", seat: null, qrText })),
      },
    });
    const images = pdfImagesAsPng(pdf);
    expect(images).toHaveLength(3);
    const read = images.map(qrTextOf);
    expect([...read].sort()).toEqual([...codes].sort());
    for (const [i, png] of images.entries()) expect(samePixels(png, await qrPng(read[i]))).toBe(true);
  });

  it("numbers a confirmation's pages in its footer, whether it fits on one page or runs over several", async () => {
    const { session } = await createSessionFixture({ priceAmount: 9_000, startsInDays: 30 });
    const booking = await createPaidBooking(session.id, { attendees: [{ firstName: "Zoë", lastName: "Łukasz" }] });
    const d = (await getBookingDetail(db(), booking.id))!;
    const footers = async (pdf: Buffer) => (await pdfText(pdf)).match(new RegExp(`${booking.reference} · page \\d+ of \\d+`, "g")) ?? [];

    const short = await renderBookingConfirmationPdf(d, sellerSnapshot(env()), null);
    expect(pdfPageCount(short)).toBe(1);
    expect(await footers(short)).toEqual([`${booking.reference} · page 1 of 1`]);

    const many = { ...d, attendees: Array.from({ length: 40 }, (_, i) => ({ ...d.attendees[0], id: randomUUID(), position: i + 1 })) };
    const long = await renderBookingConfirmationPdf(many, sellerSnapshot(env()), null);
    const pages = pdfPageCount(long);
    expect(pages).toBeGreaterThan(1);
    expect(await footers(long)).toEqual(Array.from({ length: pages }, (_, i) => `${booking.reference} · page ${i + 1} of ${pages}`));
  });

  it("shapes text from its cache exactly as the font does, each caller getting arrays of its own", async () => {
    await loadPdfFonts();
    const font = Font.getFont({ fontFamily: PDF_FONT, fontWeight: 400 }).data as unknown as ShapingFont;
    const uncached = (Object.getPrototypeOf(font) as ShapingFont).layout.call(font, "Zoë Łukasz, office 1/2 · £1,234.50");
    const first = font.layout("Zoë Łukasz, office 1/2 · £1,234.50");
    const shape = (run: Shaped) => ({ glyphs: run.glyphs.map((g) => g.id), advances: run.positions.map((p) => p.xAdvance) });
    expect(shape(first)).toEqual(shape(uncached));
    // A caller that adjusts its positions (justified text does) leaves the next caller's shapes alone.
    first.positions[0].xAdvance += 500;
    first.glyphs.pop();
    const second = font.layout("Zoë Łukasz, office 1/2 · £1,234.50");
    expect(second).not.toBe(first);
    expect(shape(second)).toEqual(shape(uncached));
  });

  it.runIf(existsSync("/proc/self/task"))("runs its threads at the configured lower priority, leaving the request thread as it was", async () => {
    const restore = withEnv({ PDF_RENDER_NICE: "7" });
    const ownNice = () => {
      const stat = readFileSync("/proc/thread-self/stat", "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
    };
    const before = ownNice();
    try {
      await closePdfPool();
      await warmPdfPool();
      const nice = threadNiceValues();
      expect(nice.filter((n) => n === 7).length).toBeGreaterThanOrEqual(pdfThreads());
      expect(ownNice()).toBe(before);
    } finally {
      await closePdfPool();
      restore();
    }
  });

  it.runIf(existsSync("/proc/self/task"))("names its threads, so that top -H and the benchmark tell them apart, leaving this thread's name", async () => {
    const names = () => readdirSync("/proc/self/task").map((tid) => readFileSync(`/proc/self/task/${tid}/comm`, "utf8").trim());
    const ownName = readFileSync("/proc/thread-self/comm", "utf8").trim();
    await closePdfPool();
    try {
      await warmPdfPool();
      // At least: the threads of a pool just closed may still be on their way out.
      expect(names().filter((n) => n === "turnout-render").length).toBeGreaterThanOrEqual(pdfThreads());
      expect(readFileSync("/proc/thread-self/comm", "utf8").trim()).toBe(ownName);
    } finally {
      await closePdfPool();
    }
  });

  // Where chrt is missing (a machine with nothing but Node), the threads keep their nice value alone: checked above.
  it.runIf(existsSync("/proc/self/task") && chrtInstalled)("runs its threads under SCHED_IDLE by default, and not with BACKGROUND_THREAD_POLICY=nice", async () => {
    const idleThreads = () => threadPriorities().filter((t) => t.policy === SCHED_IDLE).length;
    const ownPolicy = () => Number(readFileSync("/proc/thread-self/stat", "utf8").split(") ")[1].split(" ")[38]);
    await closePdfPool();
    const before = idleThreads();
    try {
      await warmPdfPool();
      expect(idleThreads() - before).toBeGreaterThanOrEqual(pdfThreads());
      expect(ownPolicy()).toBe(0);
      await closePdfPool();
      const restore = withEnv({ BACKGROUND_THREAD_POLICY: "nice" });
      try {
        await warmPdfPool();
        expect(idleThreads()).toBe(before);
      } finally {
        await closePdfPool();
        restore();
      }
    } finally {
      await closePdfPool();
    }
  });
});

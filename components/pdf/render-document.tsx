// Draws one PdfTask to PDF bytes (or, for an email, its HTML and text). Runs inside the render threads
// (render-worker.mjs), never on the thread that answers requests: fonts are loaded (with their shaping cache)
// and the logo read once per thread.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderToBuffer } from "@react-pdf/renderer";
import { createElement, type ComponentType } from "react";
import { EMAIL_TEMPLATES } from "@/emails/registry";
import { renderEmailHtml, type RenderedEmail } from "@/lib/email/render-html";
import { flattenPngAlpha } from "@/lib/pdf/png";
import type { PdfTask } from "@/lib/pdf/tasks";
import { qrBitmapPng } from "@/lib/tickets/qr";
import { BookingConfirmationDocument } from "./booking-confirmation-document";
import { CreditNoteDocument } from "./credit-note-document";
import { loadPdfFonts } from "./fonts";
import { CONTENT_END, OnePageContext } from "./footer";
import { sampleTasks } from "./sample-tasks";
import { InvoiceDocument } from "./invoice-document";
import { RequirementsDocument } from "./requirements-document";
import { PAGE_HEIGHT, styles } from "./theme";
import { TicketDocument } from "./ticket-document";

/** The project folder, from this file's place in it: a relative SELLER_LOGO_PATH is read from there. */
const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

const logos = new Map<string, Buffer | null>();

/**
 * The configured logo, or none when the file is missing (a document is never held up by its logo). A PNG's
 * transparency is laid on the page's white once here, so that no document decodes the picture again.
 */
export function loadLogo(logoPath: string): Buffer | null {
  if (!logos.has(logoPath)) {
    let logo: Buffer | null = null;
    try {
      logo = flattenPngAlpha(readFileSync(path.resolve(projectRoot, logoPath)));
    } catch {
      logo = null;
    }
    logos.set(logoPath, logo);
  }
  return logos.get(logoPath)!;
}

async function documentFor(task: Exclude<PdfTask, { kind: "warm-up" | "email" }>) {
  switch (task.kind) {
    case "invoice":
      return <InvoiceDocument invoice={task.invoice} bookingReference={task.bookingReference} logo={loadLogo(task.logoPath)} timeZone={task.timeZone} />;
    case "credit-note":
      return <CreditNoteDocument creditNote={task.creditNote} invoice={task.invoice} bookingReference={task.bookingReference}
        logo={loadLogo(task.logoPath)} timeZone={task.timeZone} refundRoute={task.refundRoute} />;
    case "booking-confirmation":
      return <BookingConfirmationDocument detail={task.detail} seller={task.seller} logo={loadLogo(task.logoPath)} invoiceNumber={task.invoiceNumber} />;
    case "requirements":
      return <RequirementsDocument sessions={task.sessions} printedAt={task.printedAt} />;
    case "tickets":
      // The QR codes are drawn here, on the PDF thread, from the text each one carries, in the PNG form a PDF
      // embeds without decoding it.
      return <TicketDocument {...task.ticket} tickets={task.ticket.tickets.map(({ qrText, ...t }) => ({ ...t, qrPng: qrBitmapPng(qrText) }))} />;
  }
}

/**
 * One round of warm-up: round `round`'s sample documents and a confirmation email, so that the code that lays
 * them out is compiled at a thread's start and at its low priority rather than while the first real payments
 * wait (a cold thread took up to ten times as long for its first documents). render-pool.ts sends the rounds.
 */
async function warmUpRound(round: number, logoPath: string | undefined) {
  const email = EMAIL_TEMPLATES["booking-confirmation"];
  for (const sample of Object.values(sampleTasks(round))) await renderDocument(logoPath && "logoPath" in sample ? { ...sample, logoPath } : sample);
  await renderEmailHtml(createElement(email, email.PreviewProps));
}

// The documents whose footer counts pages (footer.tsx).
const COUNTED_PAGES = new Set<PdfTask["kind"]>(["invoice", "credit-note", "booking-confirmation"]);

const latin1 = (pdf: Uint8Array) => Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString("latin1");

/** Pages in a PDF written by pdfkit (its object dictionaries are never compressed). */
export function pdfPageCount(pdf: Uint8Array): number {
  return latin1(pdf).match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

/**
 * Where a one-page attempt's content ends, in points from the top of its page, read from the CONTENT_END
 * destination pdfkit writes among the document's names (PDF measures from the foot of the page, whose height is
 * its MediaBox's); null when there is none.
 */
export function contentEndFromTop(pdf: Uint8Array): number | null {
  const text = latin1(pdf);
  const end = text.match(new RegExp(`\\(${CONTENT_END}\\) \\[\\d+ \\d+ R /XYZ [-\\d.]+ (-?[\\d.]+) null\\]`));
  const page = text.match(/\/MediaBox \[0 0 [\d.]+ ([\d.]+)\]/);
  return end && page ? Number(page[1]) - Number(end[1]) : null;
}

/** True when a one-page attempt's content stayed above an A4 page's bottom margin (where the footer is). */
const fitsOnePage = (pdf: Uint8Array) => {
  const end = contentEndFromTop(pdf);
  return end !== null && end <= PAGE_HEIGHT.A4 - styles.page.paddingBottom + 0.01;
};

export async function renderDocument(task: PdfTask): Promise<Uint8Array | RenderedEmail> {
  if (task.kind === "email") return renderEmailHtml(createElement(EMAIL_TEMPLATES[task.template] as ComponentType<Record<string, unknown>>, task.props));
  await loadPdfFonts();
  if (task.kind === "warm-up") {
    await warmUpRound(task.round, task.logoPath);
    return new Uint8Array(0);
  }
  const document = await documentFor(task);
  if (!COUNTED_PAGES.has(task.kind)) return renderToBuffer(document);
  // Most of these fit on one page: drawn as one page with "page 1 of 1" as plain text first, and drawn again
  // on as many pages as it takes, with counted page numbers, only when the content reached the footer's margin.
  const onePage = await renderToBuffer(<OnePageContext value={true}>{document}</OnePageContext>);
  return fitsOnePage(onePage) ? onePage : renderToBuffer(document);
}

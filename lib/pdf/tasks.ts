// What a PDF render is asked to draw: plain data only, because it crosses to a worker thread (structured
// clone), where the documents are rendered.
import type { RefundRoute } from "@/lib/payments/offline-methods";
import type { BookingDetail } from "@/db/queries/bookings";
import type { CreditNote, Invoice, PartySnapshot } from "@/db/schema";
import type { DashboardSession } from "@/lib/requirements/dashboard";
import type { EmailTemplateName } from "@/emails/registry";

export type InvoiceData = Omit<Invoice, "pdf" | "pdfSha256" | "createdAt">;
export type CreditNoteData = Omit<CreditNote, "pdf" | "pdfSha256" | "createdAt">;

/** One page per ticket: who it admits, as what, where, and its QR code as PNG bytes. */
export type TicketDocumentProps = {
  sellerName: string;
  course: string;
  when: string;
  venue: string[];
  reference: string;
  tickets: { attendeeName: string; ticketType: string | null; seat: string | null; qrPng: Uint8Array }[];
};

/** What the ticket PDF is asked for: the text of each QR code, which the PDF thread draws as PNG itself. */
export type TicketTask = Omit<TicketDocumentProps, "tickets"> & {
  tickets: (Omit<TicketDocumentProps["tickets"][number], "qrPng"> & { qrText: string })[];
};

export type PdfTask =
  | { kind: "invoice"; logoPath: string; timeZone: string; invoice: InvoiceData; bookingReference: string }
  | { kind: "credit-note"; logoPath: string; timeZone: string; creditNote: CreditNoteData; invoice: InvoiceData; bookingReference: string; refundRoute?: RefundRoute }
  | { kind: "booking-confirmation"; logoPath: string; detail: BookingDetail; seller: PartySnapshot; invoiceNumber: string | null }
  | { kind: "requirements"; sessions: DashboardSession[]; printedAt: Date }
  | { kind: "tickets"; ticket: TicketTask }
  // An email's HTML and text parts from its template's name and props (not a PDF: the same threads draw it).
  | { kind: "email"; template: EmailTemplateName; props: Record<string, unknown> }
  // Loads the modules and fonts, and draws sample documents once, so the first real document does not pay for them.
  | { kind: "warm-up"; round: number; logoPath?: string };

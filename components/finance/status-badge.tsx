import type { InvoiceStatus } from "@/lib/invoices/status";

const tone: Record<InvoiceStatus, string> = {
  paid: "bg-brand-100 text-brand-800",
  deposit_paid: "bg-sky-100 text-sky-900",
  balance_due: "bg-amber-100 text-amber-900",
  overdue: "bg-red-100 text-red-800",
  part_refunded: "bg-violet-100 text-violet-900",
  refunded: "bg-stone-200 text-stone-800",
};

/**
 * `text` from invoiceStatusText: the same status can read "Deposit paid" or "Part paid". `awaitsHandRefund`: money is
 * still to be paid back by hand (handRefundStatusText), in the colour of something to do rather than of its status.
 */
export function InvoiceStatusBadge({ status, text, awaitsHandRefund = false }: { status: InvoiceStatus; text: string; awaitsHandRefund?: boolean }) {
  return <span className={`inline-block rounded-full px-2.5 py-0.5 text-sm font-medium whitespace-nowrap ${awaitsHandRefund ? "bg-amber-100 text-amber-900" : tone[status]}`}>{text}</span>;
}

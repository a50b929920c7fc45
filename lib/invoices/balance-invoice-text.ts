// Which invoice a booking's balance is billed on, as the booking page says it. Pure, unit-tested.

/**
 * The booking's own invoice bills the price it was issued for; what a raised price (a longer span, a place added)
 * adds is billed when it is paid, on a supplementary invoice (issue-supplementary-invoice.ts). `uninvoiced` is
 * that part of the balance `owed`.
 */
export function balanceInvoiceText(invoiceNumber: string | null, uninvoiced: number, owed: number, money: (n: number) => string): string {
  const own = invoiceNumber ? `invoice ${invoiceNumber}` : "the invoice for this booking";
  if (uninvoiced <= 0) return `It is recorded against ${own}.`;
  if (uninvoiced >= owed) return `It is billed on a supplementary invoice, in addition to ${own}, issued when it is paid.`;
  return `It is recorded against ${own}, and ${money(uninvoiced)} of it is billed on a supplementary invoice issued when it is paid.`;
}


// The invoice as a PDF: A4, branded, drawn only from the invoice's frozen snapshot.
import { Document, Text, View } from "@react-pdf/renderer";
import type { Invoice } from "@/db/schema";
import { formatDate, formatMoney } from "@/lib/format";
import { formatTaxRate } from "@/lib/invoices/amounts";
import { DocumentFooter, DocumentPage } from "./footer";
import { DocumentHeader } from "./header";
import { LineItems } from "./line-items";
import { Parties } from "./parties";
import { styles } from "./theme";
import { Totals, type TotalRow } from "./totals";

export type InvoiceDocumentProps = {
  invoice: Omit<Invoice, "pdf" | "pdfSha256" | "createdAt">;
  bookingReference: string;
  logo: Buffer | null;
  timeZone: string;
};

export function taxLabel(rateBasisPoints: number) {
  return `VAT at ${formatTaxRate(rateBasisPoints)}`;
}

export function InvoiceDocument({ invoice: inv, bookingReference, logo, timeZone }: InvoiceDocumentProps) {
  const money = (n: number) => formatMoney(n, inv.currency);
  const date = (d: Date | string) => formatDate(d, timeZone);
  const balance = inv.totalAmount - inv.paidAtIssueAmount;
  const facts = [
    { label: "Invoice number", value: inv.number },
    { label: "Issue date", value: date(inv.issuedAt) },
    { label: "Supply date", value: date(inv.supplyDate) },
    { label: "Booking", value: bookingReference },
  ];
  const rows: TotalRow[] = [
    { label: `Subtotal (excl. VAT)`, amount: inv.subtotalAmount },
    { label: taxLabel(inv.taxRateBasisPoints), amount: inv.taxAmount },
    { label: "Total", amount: inv.totalAmount, tone: "strong" },
    ...inv.paymentsAtIssue.map((p): TotalRow => ({ label: `${p.description}, ${date(p.date)}`, amount: -p.amount, tone: "muted" })),
    balance > 0
      ? { label: "Balance due", amount: balance, tone: "due", note: inv.balanceDueAt ? `by ${date(inv.balanceDueAt)}` : undefined }
      : { label: "Balance due", amount: 0, tone: "due", note: "Paid in full, thank you" },
  ];
  const seller = inv.seller;
  return (
    <Document title={`Invoice ${inv.number}`} author={seller.name} subject={`Booking ${bookingReference}`}
      creator="Turnout" producer="Turnout" creationDate={new Date(inv.issuedAt)} language="en-GB">
      <DocumentPage>
        <DocumentHeader title="INVOICE" sellerName={seller.name} logo={logo} facts={facts} />
        <Parties seller={seller} buyer={inv.buyer} buyerTitle="Bill to" />
        <LineItems lines={inv.lines} currency={inv.currency} unitLabel={inv.pricesIncludeTax ? "Unit price incl. VAT" : "Unit price"} />
        <Totals rows={rows} currency={inv.currency} />
        <View style={styles.note} wrap={false}>
          <Text>
            {inv.taxRateBasisPoints === 0 ? "No VAT is charged on this invoice."
              : inv.pricesIncludeTax ? `Prices include VAT at ${formatTaxRate(inv.taxRateBasisPoints)}.`
              : `VAT at ${formatTaxRate(inv.taxRateBasisPoints)} is added to the prices shown.`}
          </Text>
          {balance > 0 ? (
            <Text style={{ marginTop: 4 }}>
              The balance of {money(balance)}{inv.balanceDueAt ? ` is due by ${date(inv.balanceDueAt)}` : " is due"}. Pay it online
              from the link in your booking confirmation email{seller.bankDetails ? `, or by bank transfer to ${seller.bankDetails}` : ""}, quoting {inv.number}.
            </Text>
          ) : (
            <Text style={{ marginTop: 4 }}>Paid in full by card. No payment is due.</Text>
          )}
        </View>
        <DocumentFooter seller={seller} documentNumber={inv.number} />
      </DocumentPage>
    </Document>
  );
}

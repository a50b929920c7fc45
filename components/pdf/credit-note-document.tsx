// The credit note as a PDF: what it takes off which invoice, and how much went back to the customer.
import { Document, Text, View } from "@react-pdf/renderer";
import type { CreditNote, Invoice } from "@/db/schema";
import { formatDate } from "@/lib/format";
import type { RefundRoute } from "@/lib/payments/offline-methods";
import { DocumentFooter, DocumentPage } from "./footer";
import { DocumentHeader } from "./header";
import { taxLabel } from "./invoice-document";
import { LineItems } from "./line-items";
import { Parties } from "./parties";
import { styles } from "./theme";
import { Totals, type TotalRow } from "./totals";

const refundLabel: Record<RefundRoute, string> = { card: "Refunded to your card", transfer: "Refunded by bank transfer", both: "Refunded" };
const refundNote: Record<RefundRoute, string> = {
  card: "The refund goes back to the card you paid with; banks usually show it within 5 to 10 working days.",
  transfer: "The refund is paid to you by bank transfer, as the money came to us by transfer or in cash.",
  both: "The refund goes back the way you paid: to the card you paid with (banks usually show it within 5 to 10 working days), and by bank transfer for what you paid by transfer or in cash.",
};

export type CreditNoteDocumentProps = {
  refundRoute?: RefundRoute;
  creditNote: Omit<CreditNote, "pdf" | "pdfSha256" | "createdAt">;
  invoice: Pick<Invoice, "number" | "issuedAt" | "seller" | "buyer" | "taxRateBasisPoints" | "pricesIncludeTax">;
  bookingReference: string;
  logo: Buffer | null;
  timeZone: string;
};

export function CreditNoteDocument({ creditNote: cn, invoice, bookingReference, logo, timeZone, refundRoute = "card" }: CreditNoteDocumentProps) {
  const date = (d: Date | string) => formatDate(d, timeZone);
  const offBalance = cn.totalAmount - cn.refundAmount;
  const facts = [
    { label: "Credit note", value: cn.number },
    { label: "Date", value: date(cn.issuedAt) },
    { label: "Credits invoice", value: invoice.number },
    { label: "Booking", value: bookingReference },
  ];
  const rows: TotalRow[] = [
    { label: "Subtotal (excl. VAT)", amount: cn.subtotalAmount },
    { label: taxLabel(invoice.taxRateBasisPoints), amount: cn.taxAmount },
    { label: "Total credit", amount: cn.totalAmount, tone: "strong" },
    ...(cn.refundAmount > 0 ? [{ label: refundLabel[refundRoute], amount: cn.refundAmount } satisfies TotalRow] : []),
    ...(offBalance > 0 ? [{ label: "Taken off the balance owed", amount: offBalance } satisfies TotalRow] : []),
  ];
  return (
    <Document title={`Credit note ${cn.number}`} author={invoice.seller.name} subject={`Credits invoice ${invoice.number}`}
      creator="Turnout" producer="Turnout" creationDate={new Date(cn.issuedAt)} language="en-GB">
      <DocumentPage>
        <DocumentHeader title="CREDIT NOTE" sellerName={invoice.seller.name} logo={logo} facts={facts} />
        <Parties seller={invoice.seller} buyer={invoice.buyer} buyerTitle="Credit to" />
        <LineItems lines={cn.lines} currency={cn.currency} unitLabel={invoice.pricesIncludeTax ? "Unit price incl. VAT" : "Unit price"} />
        <Totals rows={rows} currency={cn.currency} />
        <View style={styles.note} wrap={false}>
          <Text>This credit note reduces invoice {invoice.number} of {date(invoice.issuedAt)}.</Text>
          <Text style={{ marginTop: 4 }}>Reason: {cn.reason}</Text>
          {cn.refundAmount > 0 && (
            <Text style={{ marginTop: 4 }}>{refundNote[refundRoute]}</Text>
          )}
        </View>
        <DocumentFooter seller={invoice.seller} documentNumber={cn.number} />
      </DocumentPage>
    </Document>
  );
}

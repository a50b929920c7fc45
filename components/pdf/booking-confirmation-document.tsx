// The booking confirmation sent to the booker: the session, every attendee and their requirements, and
// where the payment stands. Rendered when the email is sent, from the booking as it is then.
import { placeSummaries } from "@/lib/booking/place-summary";
import { Document, Text, View } from "@react-pdf/renderer";
import type { BookingDetail } from "@/db/queries/bookings";
import type { PartySnapshot } from "@/db/schema";
import { amountOwed } from "@/lib/booking/balance";
import { discountTotals } from "@/lib/invoices/snapshot";
import { formatDate, formatSessionWhen } from "@/lib/format";
import { DocumentFooter, DocumentPage } from "./footer";
import { DocumentHeader } from "./header";
import { colors, styles } from "./theme";
import { Totals, type TotalRow } from "./totals";

const priorityText = { critical: "Critical", high: "High", standard: "Standard" } as const;

export type BookingConfirmationProps = { detail: BookingDetail; seller: PartySnapshot; logo: Buffer | null; invoiceNumber: string | null };

export function BookingConfirmationDocument({ detail: d, seller, logo, invoiceNumber }: BookingConfirmationProps) {
  const b = d.booking;
  const tz = d.venue.timeZone;
  const active = d.attendees.filter((a) => !a.cancelledAt);
  const places = placeSummaries(d.attendees);
  const owed = amountOwed(b);
  const facts = [
    { label: "Reference", value: b.reference },
    { label: "Booked on", value: formatDate(b.confirmedAt ?? b.createdAt, tz) },
    { label: "Places", value: String(active.length) },
    { label: "Invoice", value: invoiceNumber ?? "—" },
  ];
  // With discounts: the places at list price, each discount taken off, then the total.
  const discounts = discountTotals(d);
  const listRows: TotalRow[] = discounts.length ? [
    { label: "Places at list price", amount: active.reduce((acc, a) => acc + a.listAmount, 0) },
    ...discounts.map((x) => ({ label: x.label, amount: -x.amount })),
  ] : [];
  const rows: TotalRow[] = [
    ...listRows,
    { label: "Total", amount: b.totalAmount - b.creditedAmount, tone: "strong" },
    { label: "Paid", amount: b.amountPaid - b.amountRefunded },
    owed > 0
      ? { label: "Balance due", amount: owed, tone: "due", note: b.balanceDueAt ? `by ${formatDate(b.balanceDueAt, tz)}` : undefined }
      : { label: "Balance due", amount: 0, tone: "due", note: "Paid in full" },
  ];
  return (
    <Document title={`Booking ${b.reference}`} author={seller.name} creator="Turnout" producer="Turnout" language="en-GB">
      <DocumentPage>
        <DocumentHeader title="BOOKING CONFIRMED" sellerName={seller.name} logo={logo} facts={facts} />
        <View style={{ flexDirection: "row", justifyContent: "space-between", marginBottom: 18 }}>
          <View style={{ width: "52%" }}>
            <Text style={styles.sectionTitle}>Course</Text>
            <Text style={{ fontSize: 12, fontWeight: 700 }}>{d.course.title}</Text>
            <Text>{formatSessionWhen(d.session.startsAt, d.session.endsAt, tz)}</Text>
            <Text style={{ marginTop: 4, fontWeight: 600 }}>{d.venue.name}</Text>
            <Text>{[d.venue.addressLine1, d.venue.addressLine2].filter(Boolean).join(", ")}</Text>
            <Text>{d.venue.city} {d.venue.postalCode}</Text>
          </View>
          <View style={{ width: "44%" }}>
            <Text style={styles.sectionTitle}>Booked by</Text>
            <Text style={styles.bold}>{b.contactName}</Text>
            {b.organisation && <Text>{b.organisation}</Text>}
            <Text>{b.contactEmail}</Text>
            <Text>{b.contactPhone}</Text>
          </View>
        </View>

        <Text style={styles.sectionTitle}>Attendees</Text>
        {active.map((a, i) => (
          <View key={a.id} wrap={false} style={{ flexDirection: "row", paddingVertical: 6, paddingHorizontal: 6, backgroundColor: i % 2 === 1 ? colors.brand50 : "#ffffff", borderBottomWidth: 0.5, borderBottomColor: colors.rule }}>
            <Text style={{ width: "5%", color: colors.muted }}>{i + 1}.</Text>
            <View style={{ width: "35%" }}>
              <Text style={{ fontWeight: 600 }}>{a.firstName} {a.lastName}</Text>
              {places.get(a.id) && <Text style={{ fontSize: 8.5 }}>{places.get(a.id)}</Text>}
              {a.email && <Text style={{ color: colors.muted, fontSize: 8.5 }}>{a.email}</Text>}
            </View>
            <View style={{ width: "60%" }}>
              {a.requirements.length === 0 ? <Text style={{ color: colors.muted }}>No special requirements</Text>
                : a.requirements.map((r) => (
                  <Text key={r.id} style={r.priority === "critical" ? { color: "#9a3412", fontWeight: 600 } : undefined}>
                    {r.label} ({priorityText[r.priority]}){r.details ? `: ${r.details}` : ""}
                  </Text>
                ))}
            </View>
          </View>
        ))}

        <Totals rows={rows} currency={b.currency} />
        <View style={styles.note} wrap={false}>
          <Text>Please check the attendees and their requirements. If anything is missing or wrong, reply to the confirmation email before the course, quoting {b.reference}.</Text>
        </View>
        <DocumentFooter seller={seller} documentNumber={b.reference} />
      </DocumentPage>
    </Document>
  );
}


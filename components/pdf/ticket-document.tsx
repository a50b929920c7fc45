// Tickets: one per page, each with its QR code, for the booker (all places) or one attendee (their own). A
// ticket never continues on another page (wrap={false}): react-pdf then lays each page out once instead of
// laying it out again to look for a page break. Content longer than the page (a very long course title) makes
// the page longer rather than splitting the ticket.
import { Document, Image, Page, Text, View } from "@react-pdf/renderer";
import type { TicketDocumentProps } from "@/lib/pdf/tasks";
import { colors, PAGE_HEIGHT, styles } from "./theme";

export type { TicketDocumentProps };

export function TicketDocument({ sellerName, course, when, venue, reference, tickets }: TicketDocumentProps) {
  return (
    <Document title={`Tickets ${reference}`} author={sellerName} creator="Turnout" producer="Turnout" language="en-GB">
      {tickets.map((t, i) => (
        <Page key={i} size="A5" wrap={false} style={{ ...styles.page, minHeight: PAGE_HEIGHT.A5, paddingTop: 32, paddingBottom: 32, paddingHorizontal: 36, fontSize: 11 }}>
          <Text style={{ ...styles.sectionTitle, fontSize: 9 }}>{sellerName} · Ticket {i + 1} of {tickets.length}</Text>
          <Text style={{ fontSize: 18, fontWeight: 700, color: colors.brand800, marginBottom: 6 }}>{course}</Text>
          <Text style={{ fontWeight: 600 }}>{when}</Text>
          {venue.map((line, j) => <Text key={j} style={j === 0 ? { fontWeight: 600, marginTop: 4 } : undefined}>{line}</Text>)}

          <View style={{ marginTop: 16, padding: 10, backgroundColor: colors.brand50, borderLeftWidth: 3, borderLeftColor: colors.brand600 }}>
            <Text style={styles.sectionTitle}>Attendee</Text>
            <Text style={{ fontSize: 15, fontWeight: 700 }}>{t.attendeeName}</Text>
            {t.ticketType && <Text>Ticket: {t.ticketType}</Text>}
            {t.seat && <Text>Seat: {t.seat}</Text>}
          </View>

          <View style={{ alignItems: "center", marginTop: 18 }}>
            <Image src={Buffer.from(t.qrPng)} style={{ width: 200, height: 200 }} />
            <Text style={{ marginTop: 8, fontSize: 10, color: colors.muted }}>Show this code at the door</Text>
          </View>

          <View style={{ position: "absolute", bottom: 32, left: 36, right: 36, borderTopWidth: 0.5, borderTopColor: colors.rule, paddingTop: 6 }}>
            <Text>Booking reference <Text style={{ fontWeight: 700 }}>{reference}</Text></Text>
            <Text style={{ ...styles.small, color: colors.muted }}>One entry per ticket. A reissued ticket replaces this one.</Text>
          </View>
        </Page>
      ))}
    </Document>
  );
}

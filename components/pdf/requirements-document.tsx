// The printable sheet for a venue: per session, each attendee's needs by priority, the venue gaps and the
// preparation checklist with boxes to tick by hand. Uses the PDF standard font, so no font files are needed.
import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { formatSessionWhen } from "@/lib/format";
import { dateTimeFormat } from "@/lib/intl";
import { categoryLabel, priorityLabel, type DashboardSession } from "@/lib/requirements/dashboard";

const s = StyleSheet.create({
  page: { padding: 36, fontSize: 10, fontFamily: "Helvetica", color: "#1c1917" },
  h1: { fontSize: 16, fontFamily: "Helvetica-Bold", marginBottom: 4 },
  h2: { fontSize: 12, fontFamily: "Helvetica-Bold", marginTop: 12, marginBottom: 4 },
  muted: { color: "#57534e" },
  warning: { borderWidth: 1, borderColor: "#b45309", backgroundColor: "#fffbeb", padding: 6, marginTop: 8 },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#d6d3d1", paddingVertical: 4 },
  head: { flexDirection: "row", borderBottomWidth: 1, borderBottomColor: "#1c1917", paddingBottom: 3, fontFamily: "Helvetica-Bold" },
  cPriority: { width: "13%" }, cAttendee: { width: "22%" }, cNeed: { width: "30%" }, cDetails: { width: "35%" },
  check: { flexDirection: "row", alignItems: "flex-start", marginBottom: 5 },
  box: { width: 9, height: 9, borderWidth: 1, borderColor: "#1c1917", marginRight: 6, marginTop: 1 },
  footer: { position: "absolute", bottom: 20, left: 36, right: 36, fontSize: 8, color: "#57534e", flexDirection: "row", justifyContent: "space-between" },
});

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** When the sheet was printed, in the venue's time zone (where it is read), with the zone named. */
const printedText = (at: Date, timeZone: string) =>
  dateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone, timeZoneName: "short" }).format(at);

function SessionPage({ session, printedAt }: { session: DashboardSession; printedAt: Date }) {
  const v = session.venue;
  const reqs = session.groups.flatMap((g) => g.requirements);
  return (
    <Page size="A4" style={s.page}>
      <Text style={s.h1}>Attendee requirements: {session.course.title}</Text>
      <Text>{formatSessionWhen(session.startsAt, session.endsAt, v.timeZone)}</Text>
      <Text style={s.muted}>{v.name}, {v.city} · {plural(session.placesBooked, "attendee")} booked</Text>
      <Text style={{ marginTop: 6 }}>
        {plural(session.counts.total, "requirement")}: {(["critical", "high", "standard"] as const).map((p) => `${priorityLabel[p]} ${session.counts.byPriority[p]}`).join(", ")}
      </Text>
      {session.gaps.length > 0 && (
        <View style={s.warning}>
          <Text style={{ fontFamily: "Helvetica-Bold" }}>Please check at the venue</Text>
          {session.gaps.map((g) => (
            <Text key={g.feature}>
              {g.status === "no" ? "Not available" : "Not yet confirmed"}: {g.label}, needed by {g.neededBy.map((n) => n.attendeeName).join(", ")}
            </Text>
          ))}
        </View>
      )}
      <Text style={s.h2}>Requirements</Text>
      {reqs.length === 0 ? <Text style={s.muted}>No special requirements.</Text> : (
        <View>
          <View style={s.head}>
            <Text style={s.cPriority}>Priority</Text><Text style={s.cAttendee}>Attendee</Text>
            <Text style={s.cNeed}>Requirement</Text><Text style={s.cDetails}>Details</Text>
          </View>
          {reqs.map((r) => (
            <View key={r.id} style={s.row} wrap={false}>
              <Text style={[s.cPriority, r.priority === "critical" ? { fontFamily: "Helvetica-Bold", color: "#b91c1c" } : {}]}>{priorityLabel[r.priority]}</Text>
              <Text style={s.cAttendee}>{r.place ? `${r.attendeeName} (${r.place})` : r.attendeeName}</Text>
              <Text style={s.cNeed}>{r.label} ({categoryLabel[r.category]})</Text>
              <Text style={s.cDetails}>{r.details ?? ""}</Text>
            </View>
          ))}
        </View>
      )}
      <Text style={s.h2}>Preparation checklist ({session.checklist.done} of {session.checklist.total} done)</Text>
      {session.checklist.items.length === 0 ? <Text style={s.muted}>No tasks.</Text> : session.checklist.items.map((i) => (
        <View key={i.id} style={s.check} wrap={false}>
          <View style={[s.box, i.doneAt ? { backgroundColor: "#1c1917" } : {}]} />
          <Text style={{ flex: 1 }}>{i.label}{i.attendeeName ? ` (for ${i.attendeeName})` : ""}{i.doneAt ? " - done" : ""}</Text>
        </View>
      ))}
      <View style={s.footer} fixed>
        <Text>Confidential: attendee health and access information. Printed {printedText(printedAt, v.timeZone)}.</Text>
        <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
      </View>
    </Page>
  );
}

export function RequirementsDocument({ sessions, printedAt }: { sessions: DashboardSession[]; printedAt: Date }) {
  return (
    <Document title="Attendee requirements" author="Turnout">
      {sessions.length === 0
        ? <Page size="A4" style={s.page}><Text style={s.h1}>Attendee requirements</Text><Text>No upcoming sessions match.</Text></Page>
        : sessions.map((session) => <SessionPage key={session.id} session={session} printedAt={printedAt} />)}
    </Document>
  );
}

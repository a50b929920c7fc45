import { Text, View } from "@react-pdf/renderer";
import type { LineSnapshot } from "@/db/schema";
import { formatMoney } from "@/lib/format";
import { colors } from "./theme";

const col = { description: "58%", quantity: "8%", unit: "17%", amount: "17%" } as const;

/** The document's lines as a table; the header row repeats on every page. */
export function LineItems({ lines, currency, unitLabel }: { lines: LineSnapshot[]; currency: string; unitLabel: string }) {
  return (
    <View>
      <View fixed style={{ flexDirection: "row", backgroundColor: colors.brand700, color: "#ffffff", paddingVertical: 5, paddingHorizontal: 6, fontWeight: 600, fontSize: 8.5 }}>
        <Text style={{ width: col.description }}>Description</Text>
        <Text style={{ width: col.quantity, textAlign: "right" }}>Qty</Text>
        <Text style={{ width: col.unit, textAlign: "right" }}>{unitLabel}</Text>
        <Text style={{ width: col.amount, textAlign: "right" }}>Amount</Text>
      </View>
      {lines.map((l, i) => (
        <View key={i} wrap={false} style={{
          flexDirection: "row", paddingVertical: 6, paddingHorizontal: 6,
          backgroundColor: i % 2 === 1 ? colors.brand50 : "#ffffff", borderBottomWidth: 0.5, borderBottomColor: colors.rule,
        }}>
          <View style={{ width: col.description, paddingRight: 8 }}>
            <Text style={{ fontWeight: 600 }}>{l.description}</Text>
            {l.detail && <Text style={{ color: colors.muted, fontSize: 8.5 }}>{l.detail}</Text>}
          </View>
          <Text style={{ width: col.quantity, textAlign: "right" }}>{l.quantity}</Text>
          <Text style={{ width: col.unit, textAlign: "right" }}>{formatMoney(l.unitAmount, currency)}</Text>
          <Text style={{ width: col.amount, textAlign: "right" }}>{formatMoney(l.amount, currency)}</Text>
        </View>
      ))}
    </View>
  );
}

import { Text, View } from "@react-pdf/renderer";
import { formatMoney } from "@/lib/format";
import { colors } from "./theme";

export type TotalRow = { label: string; amount: number; tone?: "strong" | "due" | "plain" | "muted"; note?: string };

/** Right-aligned totals: plain rows, the total in brand colour, the balance due in the accent colour. */
export function Totals({ rows, currency }: { rows: TotalRow[]; currency: string }) {
  return (
    <View wrap={false} style={{ marginTop: 12, marginLeft: "auto", width: "50%" }}>
      {rows.map((r, i) => {
        const strong = r.tone === "strong";
        const due = r.tone === "due";
        return (
          <View key={i} style={{
            flexDirection: "row", justifyContent: "space-between", paddingVertical: strong || due ? 5 : 3, paddingHorizontal: 6,
            backgroundColor: strong ? colors.brand700 : due ? "#fdf1e4" : undefined,
            color: strong ? "#ffffff" : r.tone === "muted" ? colors.muted : colors.text,
            borderLeftWidth: due ? 3 : 0, borderLeftColor: colors.accent,
            marginTop: strong || due ? 3 : 0,
          }}>
            <View style={{ maxWidth: "62%" }}>
              <Text style={{ fontWeight: strong || due ? 700 : 400 }}>{r.label}</Text>
              {r.note && <Text style={{ fontSize: 7.5, color: strong ? "#ffffff" : colors.muted }}>{r.note}</Text>}
            </View>
            <Text style={{ fontWeight: strong || due ? 700 : 400 }}>{formatMoney(r.amount, currency)}</Text>
          </View>
        );
      })}
    </View>
  );
}

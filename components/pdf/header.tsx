import { Image, Text, View } from "@react-pdf/renderer";
import { colors } from "./theme";

export type Fact = { label: string; value: string };

/** The logo and seller on the left, the document's title, number and key dates on the right. */
export function DocumentHeader({ title, sellerName, logo, facts }: {
  title: string;
  sellerName: string;
  logo: Buffer | null;
  facts: Fact[];
}) {
  return (
    <View style={{ marginBottom: 22 }}>
      <View style={{ flexDirection: "row", justifyContent: "space-between", alignItems: "flex-start" }}>
        <View style={{ flexDirection: "row", alignItems: "center", maxWidth: "55%" }}>
          {logo && <Image src={{ data: logo, format: "png" }} style={{ width: 38, height: 38, marginRight: 10 }} />}
          <Text style={{ fontSize: 15, fontWeight: 700, color: colors.brand700 }}>{sellerName}</Text>
        </View>
        <Text style={{ fontSize: 22, fontWeight: 700, color: colors.brand700 }}>{title}</Text>
      </View>
      <View style={{ flexDirection: "row", flexWrap: "wrap", marginTop: 16, paddingVertical: 8, paddingHorizontal: 10, backgroundColor: colors.brand50, borderRadius: 3 }}>
        {facts.map((f) => (
          <View key={f.label} style={{ width: "25%", paddingRight: 6, marginVertical: 2 }}>
            <Text style={{ fontSize: 7.5, color: colors.muted, textTransform: "uppercase" }}>{f.label}</Text>
            <Text style={{ fontWeight: 600 }}>{f.value}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

import { Text, View } from "@react-pdf/renderer";
import type { PartySnapshot } from "@/db/schema";
import { colors } from "./theme";

/** Seller's identity and page numbers at the foot of every page. */
export function DocumentFooter({ seller, documentNumber }: { seller: PartySnapshot; documentNumber: string }) {
  const identity = [seller.name, seller.addressLines.join(", "), seller.vatId ? `VAT ${seller.vatId}` : null].filter(Boolean).join(" · ");
  return (
    <View fixed style={{ position: "absolute", bottom: 24, left: 44, right: 44, borderTopWidth: 0.5, borderTopColor: colors.rule, paddingTop: 6, flexDirection: "row", justifyContent: "space-between", fontSize: 7.5, color: colors.muted }}>
      <Text style={{ maxWidth: "80%" }}>{identity}</Text>
      <Text render={({ pageNumber, totalPages }) => `${documentNumber} · page ${pageNumber} of ${totalPages}`} />
    </View>
  );
}

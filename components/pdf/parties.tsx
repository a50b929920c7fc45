import { Text, View } from "@react-pdf/renderer";
import type { PartySnapshot } from "@/db/schema";
import { styles } from "./theme";

function Party({ title, party, vatLabel }: { title: string; party: PartySnapshot; vatLabel: string }) {
  return (
    <View style={{ width: "48%" }}>
      <Text style={styles.sectionTitle}>{title}</Text>
      <Text style={styles.bold}>{party.name}</Text>
      {party.organisation && <Text>{party.organisation}</Text>}
      {party.addressLines.map((l, i) => <Text key={i}>{l}</Text>)}
      {party.email && <Text style={styles.muted}>{party.email}</Text>}
      {party.vatId && <Text style={{ marginTop: 3 }}>{vatLabel}: {party.vatId}</Text>}
    </View>
  );
}

/** Seller and buyer side by side. */
export function Parties({ seller, buyer, buyerTitle }: { seller: PartySnapshot; buyer: PartySnapshot; buyerTitle: string }) {
  return (
    <View style={{ flexDirection: "row", justifyContent: "space-between", marginBottom: 20 }}>
      <Party title="From" party={seller} vatLabel="VAT number" />
      <Party title={buyerTitle} party={buyer} vatLabel="VAT ID" />
    </View>
  );
}

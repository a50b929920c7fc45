import { createContext, useContext } from "react";
import { Text, View } from "@react-pdf/renderer";
import type { PartySnapshot } from "@/db/schema";
import { colors } from "./theme";

/**
 * True while a document is drawn on the assumption that it fits on one page: the footer then prints
 * "page 1 of 1" as plain text. Counted page numbers are drawn after the layout and cost two more layouts of
 * every page, so render-document.tsx tries one page first and draws again, counting, when the result is longer.
 */
export const OnePageContext = createContext(false);

const pageText = (documentNumber: string, pageNumber: number, totalPages: number) => `${documentNumber} · page ${pageNumber} of ${totalPages}`;

/** Seller's identity and page numbers at the foot of every page. */
export function DocumentFooter({ seller, documentNumber }: { seller: PartySnapshot; documentNumber: string }) {
  const onePage = useContext(OnePageContext);
  const identity = [seller.name, seller.addressLines.join(", "), seller.vatId ? `VAT ${seller.vatId}` : null].filter(Boolean).join(" · ");
  return (
    <View fixed style={{ position: "absolute", bottom: 24, left: 44, right: 44, borderTopWidth: 0.5, borderTopColor: colors.rule, paddingTop: 6, flexDirection: "row", justifyContent: "space-between", fontSize: 7.5, color: colors.muted }}>
      <Text style={{ maxWidth: "80%" }}>{identity}</Text>
      {onePage ? <Text>{pageText(documentNumber, 1, 1)}</Text>
        : <Text render={({ pageNumber, totalPages }) => pageText(documentNumber, pageNumber, totalPages)} />}
    </View>
  );
}

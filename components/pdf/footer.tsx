import { createContext, useContext, type ReactNode } from "react";
import { Page, Text, View } from "@react-pdf/renderer";
import type { PartySnapshot } from "@/db/schema";
import { colors, PAGE_HEIGHT, styles } from "./theme";

/**
 * True while a document is drawn on the assumption that it fits on one page: the footer then prints
 * "page 1 of 1" as plain text. Counted page numbers are drawn after the layout and cost two more layouts of
 * every page, so render-document.tsx tries one page first and draws again, counting, when the result is longer.
 */
export const OnePageContext = createContext(false);

/** The named destination that marks where a one-page attempt's content ends (see DocumentPage). */
export const CONTENT_END = "content-end";

/**
 * An A4 page of an invoice, credit note or confirmation. Drawn as one page (OnePageContext), it does not look
 * for page breaks (wrap={false}: react-pdf would otherwise lay the page out a second time to split it) and ends
 * its content with an invisible named destination, CONTENT_END, whose place on the page tells render-document.tsx
 * whether the content reached into the footer's margin and must be drawn again on pages. (Such a page is as tall
 * as its content when that is longer than A4, so the check reads the page's height too.)
 */
export function DocumentPage({ children }: { children: ReactNode }) {
  const onePage = useContext(OnePageContext);
  return (
    <Page size="A4" style={onePage ? { ...styles.page, minHeight: PAGE_HEIGHT.A4 } : styles.page} wrap={!onePage}>
      {children}
      {onePage && <View id={CONTENT_END} />}
    </Page>
  );
}

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

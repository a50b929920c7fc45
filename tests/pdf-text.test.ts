// The PDF reader the document tests rely on: a page rendered by @react-pdf/renderer, read back line by line.
import { createElement as h } from "react";
import { describe, expect, it } from "vitest";
import { Document, Page, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { pdfText } from "./pdf-text";

const row = { flexDirection: "row" as const };

async function render() {
  return renderToBuffer(h(Document, null,
    h(Page, { size: "A4", style: { padding: 40, fontSize: 10 } },
      h(Text, null, "Heading one"),
      h(View, { style: { ...row, justifyContent: "space-between" } }, h(Text, null, "Total"), h(Text, null, "£360.00")),
      h(View, { style: row },
        h(Text, { style: { width: 100 } }, "Critical"),
        h(Text, { style: { width: 150, fontSize: 8 } }, "A long requirement text that wraps over lines"),
        h(Text, null, "Zoë Brontë")),
      h(Text, null, "After the table")),
    h(Page, { size: "A4", style: { padding: 40, fontSize: 10 } }, h(Text, null, "Second page"))));
}

describe("pdfText", () => {
  it("reads each printed line left to right, columns apart, wrapped cells under their column", async () => {
    const pdf = await render();
    const [first, second] = (await pdfText(pdf)).split("\f");
    const lines = first.split("\n");
    expect(lines[0]).toBe("Heading one");
    // Pieces far apart on one line stay on it, with the gap shown as a run of spaces.
    expect(lines[1]).toMatch(/^Total {20,}£360\.00$/);
    // Cells of one row share a line even in a smaller type size, in column order.
    expect(lines[2]).toMatch(/^Critical {2,}A long requirement text that wraps over {2,}Zoë Brontë$/);
    // The wrapped rest of a cell comes next, indented to its column.
    expect(lines[3].trim()).toBe("lines");
    expect(lines[3].indexOf("lines")).toBe(lines[2].indexOf("A long"));
    expect(lines[4]).toBe("After the table");
    expect(second.trim()).toBe("Second page");
    // The caller's bytes are left as they were.
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("rejects bytes that are not a PDF", async () => {
    await expect(pdfText(Buffer.from("not a pdf"))).rejects.toThrow();
  });
});

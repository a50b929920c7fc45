import { describe, expect, it } from "vitest";
import { balanceInvoiceText } from "./balance-invoice-text";

const money = (n: number) => `£${(n / 100).toFixed(2)}`;

describe("balanceInvoiceText", () => {
  it("names the booking's invoice for an ordinary balance", () => {
    expect(balanceInvoiceText("INV-2026-00004", 0, 20_000, money)).toBe("It is recorded against invoice INV-2026-00004.");
  });

  it("says a raised price is billed on a supplementary invoice when paid", () => {
    expect(balanceInvoiceText("INV-2026-00004", 900, 900, money))
      .toBe("It is billed on a supplementary invoice, in addition to invoice INV-2026-00004, issued when it is paid.");
  });

  it("splits a balance that is partly the booking's own and partly a raise", () => {
    expect(balanceInvoiceText("INV-2026-00004", 900, 20_900, money))
      .toBe("It is recorded against invoice INV-2026-00004, and £9.00 of it is billed on a supplementary invoice issued when it is paid.");
  });

  it("reads without an invoice number", () => {
    expect(balanceInvoiceText(null, 0, 100, money)).toBe("It is recorded against the invoice for this booking.");
  });
});

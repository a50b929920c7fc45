import { describe, expect, it } from "vitest";
import { creditNoteLines } from "./issue-credit-note";

const place = (name: string) => ({ description: `First Aid: place for ${name}`, detail: "Tue 3 Mar", quantity: 1, unitAmount: 12_000, amount: 12_000 });

describe("creditNoteLines", () => {
  it("lists each cancelled place at its invoiced price when that is the credit", () => {
    expect(creditNoteLines(24_000, "Cancelled by the customer", [place("Ann"), place("Bo")])).toEqual([
      { ...place("Ann"), description: "Cancelled: First Aid: place for Ann" },
      { ...place("Bo"), description: "Cancelled: First Aid: place for Bo" },
    ]);
  });
  it("adds a negative line for a cancellation charge kept", () => {
    const lines = creditNoteLines(6_000, "Late cancellation", [place("Ann")]);
    expect(lines.at(-1)).toEqual({ description: "Less: cancellation charge kept", quantity: 1, unitAmount: -6_000, amount: -6_000 });
    expect(lines.reduce((a, l) => a + l.amount, 0)).toBe(6_000);
  });
  it("describes a reduction without cancelled places by its reason", () => {
    expect(creditNoteLines(1_500, "Room was too cold", [])).toEqual([
      { description: "Price reduction", detail: "Room was too cold", quantity: 1, unitAmount: 1_500, amount: 1_500 },
    ]);
  });
});

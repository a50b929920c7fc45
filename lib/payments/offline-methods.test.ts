import { describe, expect, it } from "vitest";
import { toPayBackByHand } from "./offline-methods";

const payments = [{ id: "card", provider: "stripe" }, { id: "transfer", provider: "bank_transfer" }, { id: "cash", provider: "cash" }];

describe("toPayBackByHand", () => {
  it("adds up the pending refunds of money paid by transfer or in cash", () => {
    expect(toPayBackByHand(payments, [
      { paymentId: "transfer", status: "pending", amount: 9_000 },
      { paymentId: "cash", status: "pending", amount: 1_000 },
      { paymentId: "card", status: "pending", amount: 3_000 },
    ])).toBe(10_000);
  });
  it("is nothing once finance marked them paid back, or when they failed", () => {
    expect(toPayBackByHand(payments, [
      { paymentId: "transfer", status: "succeeded", amount: 9_000 },
      { paymentId: "cash", status: "failed", amount: 1_000 },
    ])).toBe(0);
  });
});

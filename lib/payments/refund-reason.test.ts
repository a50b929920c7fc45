import { describe, expect, it } from "vitest";
import { refundReasonLabel } from "./refund-reason";

describe("refund reasons", () => {
  it("say the payment path's codes in words and leave written reasons as written", () => {
    expect(refundReasonLabel("late_payment_refunded")).toBe("Paid after the hold lapsed and the places were gone");
    expect(refundReasonLabel("duplicate_payment")).toBe("Duplicate payment");
    expect(refundReasonLabel("Attendee cannot come")).toBe("Attendee cannot come");
  });
});

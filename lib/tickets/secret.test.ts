import { describe, expect, it } from "vitest";
import { hashTicketSecret, ticketQrText, ticketSecret } from "./secret";
import { secretFromScan } from "./secret-format";

const id = "6f1d2c3b-4a59-4e68-9d7c-8b9a0f1e2d3c";

describe("ticket secrets", () => {
  it("are 144 bits in base64url, stable per version and different after a reissue", () => {
    const s1 = ticketSecret(id, 1);
    expect(s1).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(ticketSecret(id, 1)).toBe(s1);
    expect(ticketSecret(id, 2)).not.toBe(s1);
    expect(s1).not.toContain(id.slice(0, 8));
  });

  it("are read back from the QR text and refused when malformed", () => {
    const text = ticketQrText(id, 3);
    expect(secretFromScan(text)).toBe(ticketSecret(id, 3));
    expect(secretFromScan(` ${ticketSecret(id, 3)} `)).toBe(ticketSecret(id, 3));
    expect(secretFromScan("TRN-ABCD-EFGH")).toBeNull();
    expect(secretFromScan("TT1:short")).toBeNull();
    expect(secretFromScan("https://example.com/" + "a".repeat(24))).toBeNull();
  });

  it("are looked up by a SHA-256 hex hash", () => {
    expect(hashTicketSecret("x")).toMatch(/^[0-9a-f]{64}$/);
  });
});

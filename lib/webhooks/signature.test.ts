import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newSigningSecret, signatureFor, signatureHeader, verifySignature } from "./signature";
import { openSecret, sealSecret } from "./secret-box";

describe("webhook signatures", () => {
  const secret = "whsec_test";
  const body = '{"id":"1","type":"booking.created"}';

  it("is the hex HMAC-SHA256 of '<t>.<body>'", () => {
    const expected = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
    expect(signatureFor(secret, body, 1_700_000_000)).toBe(expected);
    expect(signatureHeader(secret, body, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
    expect(signatureHeader(secret, body, 1_700_000_000)).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
  });

  it("verifies its own header and refuses a changed body, another secret or an old timestamp", () => {
    const now = 1_700_000_000_000;
    const header = signatureHeader(secret, body, now / 1000);
    expect(verifySignature(secret, body, header, { now })).toBe(true);
    expect(verifySignature(secret, body + " ", header, { now })).toBe(false);
    expect(verifySignature("whsec_other", body, header, { now })).toBe(false);
    expect(verifySignature(secret, body, header, { now: now + 600_000 })).toBe(false);
    expect(verifySignature(secret, body, null, { now })).toBe(false);
  });

  it("seals secrets so that only this app can read them back", () => {
    const s = newSigningSecret();
    const sealed = sealSecret(s);
    expect(sealed).not.toContain(s);
    expect(openSecret(sealed)).toBe(s);
    expect(sealSecret(s)).not.toBe(sealed);
  });
});

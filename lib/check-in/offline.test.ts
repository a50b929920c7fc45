import { describe, expect, it } from "vitest";
import { hashTicketSecret, ticketQrText, ticketSecret } from "@/lib/tickets/secret";
import type { SessionManifest } from "./manifest";
import { validateLocally } from "./offline";

const id = "0b8f6f4e-7c1a-4d2b-9e3f-5a6b7c8d9e0f";
const voided = "1c9a7e5d-8b2c-4e3a-8f4d-6b7c8d9e0f1a";
const base = { name: "Ann One", reference: "TRN-AAAA-BBBB", ticketType: "Standard", seat: null, critical: ["Severe allergy: peanuts"], doorNotes: ["Who may collect this child?: Dana Doe"], checkIn: null };
const manifest: SessionManifest = {
  session: { id: "s", title: "T", startsAt: "2026-12-02T18:00:00Z", endsAt: "2026-12-02T20:00:00Z", timeZone: "Europe/London", venueName: "V", checkOutRequired: false },
  tickets: [
    { ...base, id, hash: hashTicketSecret(ticketSecret(id, 2)), voidReason: null },
    { ...base, id: voided, name: "Bo Two", hash: hashTicketSecret(ticketSecret(voided, 1)), voidReason: "refunded" },
  ],
  revoked: [{ hash: hashTicketSecret(ticketSecret(id, 1)), ticketId: id }],
  generatedAt: "2026-12-02T17:00:00Z",
};
const ctx = { deviceId: "Door 2", staffName: "Sam", now: new Date("2026-12-02T18:02:00Z") };

describe("offline validation", () => {
  it("checks a ticket in once, then answers who let it in", async () => {
    const first = await validateLocally(manifest, { action: "check_in", code: ticketQrText(id, 2) }, ctx);
    expect(first.outcome).toMatchObject({ result: "checked_in", tone: "green", title: "Checked in: Ann One, Standard" });
    expect(first.outcome.ticket?.critical).toEqual(["Severe allergy: peanuts"]);
    expect(first.outcome.ticket?.doorNotes).toEqual(["Who may collect this child?: Dana Doe"]);
    const second = await validateLocally(first.manifest, { action: "check_in", ticketId: id }, ctx);
    expect(second.outcome).toMatchObject({ result: "already_checked_in", title: "Already checked in at 18:02 by Door 2" });
    expect(manifest.tickets[0].checkIn).toBeNull();
  });

  it("refuses revoked, refunded, unknown and malformed codes distinctly", async () => {
    const results = await Promise.all([
      ticketQrText(id, 1), ticketQrText(voided, 1), ticketQrText("2d0b8f6e-9c3d-4f4b-8a5e-7c8d9e0f1a2b", 1), "hello",
    ].map(async (code) => (await validateLocally(manifest, { action: "check_in", code }, ctx)).outcome.result));
    expect(results).toEqual(["revoked", "refunded", "unknown", "malformed"]);
  });
});

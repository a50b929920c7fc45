// What a door device downloads to keep validating offline: the session's tickets with the SHA-256 of each
// secret (never a secret), what the door screen shows, void reasons, revoked secrets and current check-ins.
import type { DbOrTx } from "@/db";
import { doorTicketsOfSession, revokedHashesOfSession } from "@/db/queries/check-ins";
import type { DoorCheckIn, DoorTicket } from "./outcome";
import { doorNotesOf, requireDoorSession } from "./check-in";

export type ManifestTicket = DoorTicket & { hash: string; voidReason: "refunded" | "cancelled" | null; checkIn: DoorCheckIn | null };

export type SessionManifest = {
  session: { id: string; title: string; startsAt: string; endsAt: string; timeZone: string; venueName: string; checkOutRequired: boolean };
  tickets: ManifestTicket[];
  revoked: { hash: string; ticketId: string }[];
  generatedAt: string;
};

export async function sessionManifest(db: DbOrTx, sessionId: string, now = new Date()): Promise<SessionManifest> {
  const s = await requireDoorSession(db, sessionId);
  const [rows, revoked] = await Promise.all([doorTicketsOfSession(db, sessionId), revokedHashesOfSession(db, sessionId)]);
  return {
    session: {
      id: s.id, title: s.title, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), timeZone: s.timeZone,
      venueName: s.venueName, checkOutRequired: s.checkOutRequired,
    },
    tickets: rows.map((t) => ({
      id: t.id, name: t.name, reference: t.reference, ticketType: t.ticketType, seat: t.seat, critical: t.critical, doorNotes: doorNotesOf(t),
      hash: t.secretHash, voidReason: t.voidReason, checkIn: t.checkIn,
    })),
    revoked,
    generatedAt: now.toISOString(),
  };
}

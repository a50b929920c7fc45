// Reward points expiring as ledger rows: the maintenance pass closes each expired lot once, with what it still
// held, however many instances run it at the same time, and the balance is the same before and after.
import { randomBytes } from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { pointsLedger, users } from "@/db/schema";
import { Membership } from "@/components/customer/membership";
import { createMember } from "@/lib/members/admin";
import { expirePoints, memberPointsForEmail, redeemPoints } from "@/lib/members/ledger";
import { runMaintenance } from "@/lib/maintenance";
import { memberSchema } from "@/lib/validations/members";
import { db } from "../fixtures";
import { uniqueEmail } from "../finance-fixtures";

const DAY = 86_400_000;
let actor: { id: string; email: string };
beforeAll(async () => {
  const [user] = await db().insert(users).values({ email: uniqueEmail("expiry-admin").toLowerCase(), role: "admin" }).returning();
  actor = { id: user.id, email: user.email };
});

const addMember = () => createMember(db(), actor, memberSchema.parse({
  email: uniqueEmail("expiring"), level: "silver", number: `X-${randomBytes(4).toString("hex").toUpperCase()}`, validFrom: "2020-01-01",
}));

/** A lot of points (a positive adjustment) credited `ageDays` ago, valid until `expiresInDays` from now. */
async function lot(memberId: string, points: number, ageDays: number, expiresInDays: number | null) {
  const [row] = await db().insert(pointsLedger).values({
    memberId, kind: "adjust", points, createdAt: new Date(Date.now() - ageDays * DAY),
    expiresAt: expiresInDays == null ? null : new Date(Date.now() + expiresInDays * DAY), note: "test lot",
  }).returning();
  return row;
}

const rowsOf = (memberId: string) => db().select().from(pointsLedger).where(eq(pointsLedger.memberId, memberId)).orderBy(asc(pointsLedger.createdAt), asc(pointsLedger.id));

describe("points expiry", () => {
  it("writes one expire row per expired lot, with what it still held, under concurrent passes", async () => {
    const member = await addMember();
    const old = await lot(member.id, 100, 400, -30);
    const spent = await lot(member.id, 40, 390, -20);
    const fresh = await lot(member.id, 70, 10, 300);
    const forever = await lot(member.id, 15, 5, null);
    // Spent while the old lots were valid: the oldest first, so 100 + 20 of the 40.
    await db().insert(pointsLedger).values({ memberId: member.id, kind: "redeem", points: -120, createdAt: new Date(Date.now() - 100 * DAY) });

    const before = await memberPointsForEmail(db(), member.email);
    expect(before!.balance).toBe(20 - 20 + 70 + 15);

    const results = await Promise.all(Array.from({ length: 6 }, () => expirePoints(db())));
    // Two lots closed in all (the old one held nothing by then, the other 20), whichever pass wrote them.
    expect(results.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
    const expired = (await rowsOf(member.id)).filter((r) => r.kind === "expire");
    expect(expired.map((r) => [r.expiresLedgerId, r.points]).sort()).toEqual([[old.id, 0], [spent.id, -20]].sort());
    expect(expired.find((r) => r.expiresLedgerId === fresh.id || r.expiresLedgerId === forever.id)).toBeUndefined();

    // The same balance, and now the ledger adds up to it.
    const after = await memberPointsForEmail(db(), member.email);
    expect(after!.balance).toBe(before!.balance);
    expect(after!.ledger.reduce((sum, r) => sum + r.points, 0)).toBe(after!.balance);

    // Later passes (the maintenance loop on any instance) write nothing more.
    await runMaintenance(db());
    await expirePoints(db());
    expect((await rowsOf(member.id)).filter((r) => r.kind === "expire")).toHaveLength(2);

    // The history shows the expiry; the lot spent in full is not listed as a movement.
    const html = renderToStaticMarkup(createElement(Membership, { data: after!, timeZone: "Europe/London" }));
    expect(html).toContain("Expired");
    expect(html).toContain(">-20<");
    expect(html).not.toContain(">0<");
  });

  it("the database refuses a second expire row for the same lot", async () => {
    const member = await addMember();
    const gone = await lot(member.id, 25, 200, -1);
    await expirePoints(db());
    const [row] = await db().select().from(pointsLedger).where(and(eq(pointsLedger.memberId, member.id), eq(pointsLedger.kind, "expire")));
    expect(row).toMatchObject({ expiresLedgerId: gone.id, points: -25 });
    const err = await db().insert(pointsLedger).values({ memberId: member.id, kind: "expire", points: -25, expiresLedgerId: gone.id }).catch((e: unknown) => e);
    expect(String((err as { cause?: unknown }).cause ?? err)).toMatch(/points_ledger_expires_lot_key/);
    // An expire row must name its lot.
    const orphan = await db().insert(pointsLedger).values({ memberId: member.id, kind: "expire", points: -5 }).catch((e: unknown) => e);
    expect(String((orphan as { cause?: unknown }).cause ?? orphan)).toMatch(/points_ledger_expire_lot/);
  });

  it("closes a lot with what is left after redemptions, spending only lots still valid", async () => {
    const member = await addMember();
    await lot(member.id, 50, 30, 100);
    const expiring = await lot(member.id, 30, 20, -1);
    // The expired 30 cannot be spent; the 50 can.
    await db().transaction((tx) => redeemPoints(tx, member.id, 10));
    await Promise.all([expirePoints(db()), expirePoints(db())]);
    const [row] = await db().select().from(pointsLedger).where(eq(pointsLedger.expiresLedgerId, expiring.id));
    expect(row.points).toBe(-30);
    expect((await memberPointsForEmail(db(), member.email))!.balance).toBe(40);
  });
});

"use server";
import { eq } from "drizzle-orm";
import { cookies } from "next/headers";
import { z } from "zod";
import { authSessions } from "@/db/schema";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/session";
import { staffAction } from "@/lib/auth/staff-action";
import { recordAudit } from "@/lib/audit/record-audit";

/** Ends this browser's staff session: the database row goes, so the cookie is worthless even if kept. */
export const signOut = staffAction(["admin", "finance", "door"], z.unknown(), async (_input, { db, staff }) => {
  const jar = await cookies();
  await recordAudit(db, staff, { action: "auth.sign_out", entityType: "user", entityId: staff.id });
  for (const name of SESSION_COOKIE_NAMES) {
    const token = jar.get(name)?.value;
    if (token) await db.delete(authSessions).where(eq(authSessions.sessionToken, token));
    jar.delete(name);
  }
  return null;
});

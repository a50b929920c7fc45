// Who is signed in: next-auth stores database sessions; we read them directly so route handlers, pages,
// server actions and tests share one lookup.
import { and, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { authSessions, users, type StaffRole } from "@/db/schema";
import { env } from "@/lib/env";

export type Role = StaffRole;
export type Staff = { id: string; email: string; name: string | null; role: Role };

/** next-auth's session cookie, under https (secure prefix) and http. */
export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

export async function staffForSessionToken(db: DbOrTx, token: string | null | undefined): Promise<Staff | null> {
  if (!token) return null;
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(and(eq(authSessions.sessionToken, token), gt(authSessions.expires, new Date()), isNull(users.disabledAt)));
  return row ?? null;
}

/**
 * The cookie next-auth sets for this deployment: under https only the __Secure- one counts, so a cookie
 * planted without the Secure flag (say from a sibling subdomain over http) is never read as a session.
 */
export function activeSessionCookieName(): (typeof SESSION_COOKIE_NAMES)[number] {
  const base = process.env.NEXTAUTH_URL ?? env().APP_URL;
  return base.startsWith("https://") ? SESSION_COOKIE_NAMES[0] : SESSION_COOKIE_NAMES[1];
}

export function sessionTokenFromCookieHeader(header: string | null): string | null {
  if (!header) return null;
  const wanted = activeSessionCookieName();
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === wanted) return decodeURIComponent(rest.join("="));
  }
  return null;
}

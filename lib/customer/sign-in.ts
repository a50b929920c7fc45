// "My bookings" sign-in: a one-use link sent by email, valid for a short time, that opens a customer session.
// The answer to a request is the same whether or not the address has bookings, so it reveals nothing; requests
// are limited per address and per IP like staff sign-in (counters in auth_rate_limits, other buckets).
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { customerSessions, customerSignInTokens } from "@/db/schema";
import CustomerSignInEmail from "@/emails/customer-sign-in";
import { normaliseSignInEmail, rateLimitedMessage } from "@/lib/auth/sign-in-limits";
import { hitRateLimits } from "@/lib/auth/rate-limit";
import { deliverEmail } from "@/lib/email/deliver";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** How long a customer stays signed in after using a link. */
export const CUSTOMER_SESSION_HOURS = 12;

export function hashCustomerToken(token: string): string {
  return createHash("sha256").update(`customer:${token}`).digest("hex");
}

function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * Where a link may bring the customer back to after signing in: only the booking wizard of a course (a member
 * verifying their email at checkout), so a link can never be made to send anyone elsewhere.
 */
export function safeReturnPath(path: unknown): string | null {
  return typeof path === "string" && /^\/book\/[a-z0-9][a-z0-9-]{0,99}\?step=review$/.test(path) ? path : null;
}

export function customerSignInUrl(token: string, returnTo: string | null = null): string {
  const next = returnTo ? `&next=${encodeURIComponent(returnTo)}` : "";
  return `${env().APP_URL}/my-bookings/sign-in?token=${encodeURIComponent(token)}${next}`;
}

/**
 * Counts the attempt (per address and per IP), then stores a new link and emails it. Every address gets the
 * same treatment, bookings or not. Over a limit: AppError("rate_limited") with retryAfterSeconds.
 */
export async function requestCustomerSignIn(db: Db, p: { email: string; ip: string; now?: Date; returnTo?: string | null }): Promise<void> {
  const now = p.now ?? new Date();
  const email = normaliseSignInEmail(p.email);
  const returnTo = safeReturnPath(p.returnTo);
  const { SIGNIN_LIMIT_PER_EMAIL, SIGNIN_LIMIT_PER_IP, SIGNIN_WINDOW_MINUTES, MAGIC_LINK_MINUTES, SELLER_NAME } = env();
  const verdict = await hitRateLimits(db, [
    { bucket: `customer-signin:email:${email}`, limit: SIGNIN_LIMIT_PER_EMAIL },
    { bucket: `customer-signin:ip:${p.ip}`, limit: SIGNIN_LIMIT_PER_IP },
  ], { windowSeconds: SIGNIN_WINDOW_MINUTES * 60, now });
  if (!verdict.allowed)
    throw new AppError("rate_limited", { retryAfterSeconds: verdict.retryAfterSeconds }, rateLimitedMessage(verdict.retryAfterSeconds));

  const token = newToken();
  const [row] = await db.insert(customerSignInTokens)
    .values({ email, tokenHash: hashCustomerToken(token), expiresAt: new Date(now.getTime() + MAGIC_LINK_MINUTES * 60_000), createdAt: now })
    .returning({ id: customerSignInTokens.id });
  // Spent and lapsed links are of no further use.
  await db.delete(customerSignInTokens).where(or(lt(customerSignInTokens.expiresAt, now), lt(customerSignInTokens.usedAt, now)));
  await deliverEmail(db, {
    key: `customer-sign-in:${row.id}`,
    kind: "customer_sign_in",
    bookingId: null,
    to: email,
    subject: returnTo ? "Your link to verify your email for your booking" : "Your link to see your bookings",
    body: CustomerSignInEmail({ sellerName: SELLER_NAME, url: customerSignInUrl(token, returnTo), minutes: MAGIC_LINK_MINUTES, checkout: returnTo != null }),
    attachments: [],
    retainBody: false,
  });
}

/**
 * Spends a link (once: the update is conditional, so two tabs racing get one session) and opens a customer
 * session. A wrong, used or expired link: AppError("link_invalid"), nothing written.
 */
export async function signInWithLink(db: Db, token: string, now = new Date()): Promise<{ sessionToken: string; email: string; expiresAt: Date }> {
  if (!token || token.length > 200) throw new AppError("link_invalid");
  return db.transaction(async (tx) => {
    const [spent] = await tx.update(customerSignInTokens).set({ usedAt: now })
      .where(and(eq(customerSignInTokens.tokenHash, hashCustomerToken(token)), isNull(customerSignInTokens.usedAt), gt(customerSignInTokens.expiresAt, now)))
      .returning({ email: customerSignInTokens.email });
    if (!spent) throw new AppError("link_invalid");
    const sessionToken = newToken();
    const expiresAt = new Date(now.getTime() + CUSTOMER_SESSION_HOURS * 3_600_000);
    await tx.insert(customerSessions).values({ email: spent.email, tokenHash: hashCustomerToken(sessionToken), expiresAt, createdAt: now });
    return { sessionToken, email: spent.email, expiresAt };
  });
}

export type Customer = { sessionId: string; email: string };

/** The signed-in customer for a session token, or null (unknown, signed out or expired). */
export async function customerForSessionToken(db: DbOrTx, token: string | null | undefined, now = new Date()): Promise<Customer | null> {
  if (!token || token.length > 200) return null;
  const [row] = await db.select({ sessionId: customerSessions.id, email: customerSessions.email }).from(customerSessions)
    .where(and(eq(customerSessions.tokenHash, hashCustomerToken(token)), gt(customerSessions.expiresAt, now)));
  return row ?? null;
}

/** Signs out: the session row goes, so the cookie opens nothing any more. */
export async function endCustomerSession(db: DbOrTx, token: string | null | undefined) {
  if (!token || token.length > 200) return;
  await db.delete(customerSessions).where(eq(customerSessions.tokenHash, hashCustomerToken(token)));
}

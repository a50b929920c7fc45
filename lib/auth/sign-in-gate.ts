// The sign-in rate limit at the HTTP edge: a request for a magic link is counted against its email address
// and its IP address before next-auth sees it; over the limit it is answered 429 with a clear message.
import type { DbOrTx } from "@/db";
import { clientIp } from "./client-ip";
import { countSignInAttempt, rateLimitedMessage } from "./sign-in-limits";

async function emailFromBody(req: Request): Promise<string> {
  const type = req.headers.get("content-type") ?? "";
  const copy = req.clone();
  if (type.includes("application/json")) {
    const body = (await copy.json().catch(() => ({}))) as { email?: unknown };
    return typeof body.email === "string" ? body.email : "";
  }
  return new URLSearchParams(await copy.text().catch(() => "")).get("email") ?? "";
}

/** Null to let the request through (the attempt is counted); a 429 response when over a limit. */
export async function signInRateLimit(db: DbOrTx, req: Request, now = new Date()): Promise<Response | null> {
  const verdict = await countSignInAttempt(db, { email: await emailFromBody(req), ip: clientIp(req.headers), now });
  if (verdict.allowed) return null;
  return Response.json(
    { error: { code: "rate_limited", message: rateLimitedMessage(verdict.retryAfterSeconds), retryAfterSeconds: verdict.retryAfterSeconds } },
    { status: 429, headers: { "retry-after": String(verdict.retryAfterSeconds) } },
  );
}

// The sign-in rate limit at the HTTP edge: a request for a magic link is counted against its email address
// and its IP address before next-auth sees it; over the limit it is answered 429 with a clear message.
import type { DbOrTx } from "@/db";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { FORM_BODY_LIMIT, readBodyText } from "@/lib/http/read-body";
import { clientIp } from "./client-ip";
import { countSignInAttempt, rateLimitedMessage } from "./sign-in-limits";

async function emailFromBody(req: Request): Promise<string> {
  const type = req.headers.get("content-type") ?? "";
  const text = await readBodyText(req.clone(), FORM_BODY_LIMIT);
  if (type.includes("application/json")) {
    let body: { email?: unknown } = {};
    try {
      body = JSON.parse(text);
    } catch {}
    return typeof body?.email === "string" ? body.email : "";
  }
  return new URLSearchParams(text).get("email") ?? "";
}

/** Null to let the request through (the attempt is counted); a 429 response when over a limit, 413 for a huge body. */
export async function signInRateLimit(db: DbOrTx, req: Request, now = new Date()): Promise<Response | null> {
  let email: string;
  try {
    email = await emailFromBody(req);
  } catch (err) {
    if (err instanceof AppError) return errorResponse(err);
    throw err;
  }
  const verdict = await countSignInAttempt(db, { email, ip: clientIp(req.headers), now });
  if (verdict.allowed) return null;
  return Response.json(
    { error: { code: "rate_limited", message: rateLimitedMessage(verdict.retryAfterSeconds), retryAfterSeconds: verdict.retryAfterSeconds } },
    { status: 429, headers: { "retry-after": String(verdict.retryAfterSeconds) } },
  );
}

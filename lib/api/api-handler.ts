// The wrapper of every public API route (/api/v1/*): rate limits per client IP and, when the request carries
// an API key, per key; the RateLimit-* headers on every answer (429 with Retry-After once a limit is used
// up); the key's scope checked where the route names one; then the route's own handler, errors mapped, a 401 with
// its WWW-Authenticate challenge.
import { getDb } from "@/db";
import type { ApiKeyScope } from "@/db/schema";
import { clientIp } from "@/lib/auth/client-ip";
import { findActiveApiKey, hashApiKey, looksLikeApiKey, malformedApiKey, type ApiClient } from "@/lib/api-keys/keys";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { bearerToken } from "@/lib/http/route";
import { coalescedLimiter, type CoalescedLimiter } from "@/lib/rate-limit/coalesced";
import { createLimiter, rateLimitedError, rateLimitHeaders, tightest, type LimitRule, type LimitVerdict } from "@/lib/rate-limit/limits";

type Ctx<P> = { params: Promise<P> };

/**
 * `reportLimit`: another limit this request counted against (the hold limits of a booking, say); the RateLimit
 * headers report the tightest of it and the API's own.
 */
export type ApiContext<P> = Ctx<P> & { apiKey: ApiClient | null; reportLimit: (verdict: LimitVerdict) => void };

// Kept on globalThis: the server's request hook (lib/http/api-fast-path.ts) and the route handlers are built
// into separate bundles, and both must count against the same local totals.
const holder = globalThis as unknown as { turnoutApiLimiters?: Map<string, CoalescedLimiter> };

/** The public API's limiters: counted in PostgreSQL, written at most once per API_RATE_LIMIT_SYNC_MS per key. */
function apiLimiter(rule: LimitRule): CoalescedLimiter {
  const limiters = (holder.turnoutApiLimiters ??= new Map());
  const id = `${rule.name}:${rule.points}:${rule.durationSeconds}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    limiter = coalescedLimiter(createLimiter(getDb(), rule), { name: rule.name, syncMs: () => env().API_RATE_LIMIT_SYNC_MS });
    limiters.set(id, limiter);
  }
  return limiter;
}

/** The per-IP and per-key limits of the public API for a client and its bearer token, if any; throws a 429 AppError when one is used up. */
export async function apiRateLimitFor(ip: string, token: string | null): Promise<LimitVerdict> {
  const e = env();
  const window = e.API_RATE_LIMIT_WINDOW_SECONDS;
  // A request with an API key counts against the key's own limit, keyed by the key's hash (no lookup), and against
  // its address at the same size, so a flood of made-up keys from one address is still refused; one without a
  // key counts against its address at the anonymous size.
  const keyed = looksLikeApiKey(token);
  const checks = [keyed
    ? apiLimiter({ name: "api-ip-keyed", points: e.API_RATE_LIMIT_PER_KEY, durationSeconds: window }).consume(ip)
    : apiLimiter({ name: "api-ip", points: e.API_RATE_LIMIT_PER_IP, durationSeconds: window }).consume(ip)];
  if (keyed)
    checks.push(apiLimiter({ name: "api-key", points: e.API_RATE_LIMIT_PER_KEY, durationSeconds: window }).consume(hashApiKey(token).slice(0, 32)));
  const verdict = tightest(await Promise.all(checks));
  if (!verdict.allowed) throw rateLimitedError(verdict);
  return verdict;
}

export function apiRateLimit(req: Request): Promise<LimitVerdict> {
  return apiRateLimitFor(clientIp(req.headers), bearerToken(req));
}

function withHeaders(res: Response, headers: Record<string, string>): Response {
  let out = res;
  try {
    for (const [k, v] of Object.entries(headers)) if (!(out.status === 429 && out.headers.has(k))) out.headers.set(k, v);
  } catch {
    // Immutable headers (a redirect, a fetched response): copy it.
    out = new Response(res.body, res);
    for (const [k, v] of Object.entries(headers)) if (!(out.status === 429 && res.headers.has(k))) out.headers.set(k, v);
  }
  return out;
}

/**
 * The challenge RFC 9110 requires on a 401: every credential of the API (API keys, booking access tokens) is sent as
 * `Authorization: Bearer`; a token that was sent and refused is named invalid_token (RFC 6750).
 */
export function bearerChallenge(req: Request): string {
  return bearerToken(req) ? 'Bearer realm="turnout", error="invalid_token"' : 'Bearer realm="turnout"';
}

/**
 * `scope`: what an API key presented to this route must allow. Without a key the route answers as it always
 * does (public, or its own token); with one, an unknown or revoked key is a 401 and a missing scope a 403.
 * `requireKey`: the route is for API keys only.
 */
export function apiHandler<P = Record<string, string>>(
  fn: (req: Request, ctx: ApiContext<P>) => Promise<Response>,
  options: { scope?: ApiKeyScope } = {},
) {
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    let verdict: LimitVerdict;
    try {
      verdict = await apiRateLimit(req);
    } catch (err) {
      return errorResponse(err);
    }
    const reported: LimitVerdict[] = [];
    let res: Response;
    try {
      let apiKey: ApiClient | null = null;
      const token = bearerToken(req);
      // A key cut short or mistyped is refused, not taken for no key at all (its holder would get anonymous answers).
      if (options.scope && malformedApiKey(token)) throw new AppError("unauthorized", {}, "This API key is malformed: use the whole key as it was shown when created.");
      if (options.scope && looksLikeApiKey(token)) {
        apiKey = await findActiveApiKey(getDb(), token);
        if (!apiKey) throw new AppError("unauthorized", {}, "This API key is unknown or revoked.");
        if (!apiKey.scopes.includes(options.scope)) throw new AppError("forbidden", { scope: options.scope }, `This API key lacks the ${options.scope} scope.`);
      }
      res = await fn(req, { ...ctx, apiKey, reportLimit: (v) => reported.push(v) });
    } catch (err) {
      res = errorResponse(err);
    }
    const headers = rateLimitHeaders(reported.length ? tightest([verdict, ...reported]) : verdict);
    return withHeaders(res, res.status === 401 && !res.headers.has("www-authenticate") ? { ...headers, "WWW-Authenticate": bearerChallenge(req) } : headers);
  };
}

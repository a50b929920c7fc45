// The wrapper of every public API route (/api/v1/*): rate limits per client IP and, when the request carries
// an active API key, per key; the RateLimit-* headers on every answer (429 with Retry-After once a limit is used
// up); the Bearer credential checked by one rule (a bad key is a 401 on every route), the key's scope where the
// route names one; then the route's own handler, errors mapped, a 401 with its WWW-Authenticate challenge.
import { getDb } from "@/db";
import type { ApiKeyScope } from "@/db/schema";
import { clientIp } from "@/lib/auth/client-ip";
import { bearerCredential, findActiveApiKey, hashApiKey, type ApiClient } from "@/lib/api-keys/keys";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
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

const limitSizes = () => {
  const e = env();
  return { window: e.API_RATE_LIMIT_WINDOW_SECONDS, perIp: e.API_RATE_LIMIT_PER_IP, perKey: e.API_RATE_LIMIT_PER_KEY };
};

/**
 * The per-address limit of the public API; throws a 429 AppError when it is used up. A request carrying a whole
 * API key (`keyed`, before it is looked up) counts against its address at the key's size, so a flood of made-up
 * keys from one address is still refused before any lookup; any other counts at the anonymous size.
 */
export async function apiAddressLimit(ip: string, keyed: boolean): Promise<LimitVerdict> {
  const { window, perIp, perKey } = limitSizes();
  const verdict = await (keyed
    ? apiLimiter({ name: "api-ip-keyed", points: perKey, durationSeconds: window })
    : apiLimiter({ name: "api-ip", points: perIp, durationSeconds: window })).consume(ip);
  if (!verdict.allowed) throw rateLimitedError(verdict);
  return verdict;
}

/** The per-key limit, counted only for a key found active (keyed by its hash); throws a 429 AppError when used up. */
export async function apiKeyLimit(token: string): Promise<LimitVerdict> {
  const { window, perKey } = limitSizes();
  const verdict = await apiLimiter({ name: "api-key", points: perKey, durationSeconds: window }).consume(apiKeyLimitKey(token));
  if (!verdict.allowed) throw rateLimitedError(verdict);
  return verdict;
}

/** The api_rate_limits key a valid API key is counted under (after the limiter's "api-key:" prefix). */
export const apiKeyLimitKey = (token: string) => hashApiKey(token).slice(0, 32);

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
  return bearerCredential(req.headers.get("authorization")).kind === "none" ? 'Bearer realm="turnout"' : 'Bearer realm="turnout", error="invalid_token"';
}

export type ApiHandlerOptions = {
  /** What an API key presented to this route must allow (403 without it); without a key the route answers as it always does. */
  scope?: ApiKeyScope;
  /** The route is for API keys only: 401 without one. */
  requireKey?: boolean;
  /** The route takes a booking's access token as its Bearer credential (lib/api-keys/keys.ts, bearerCredential). */
  accessTokens?: boolean;
};

/**
 * Wraps a /api/v1 route. The Bearer credential follows one rule on every route (bearerCredential): none is
 * anonymous; a malformed key, or a whole one that is unknown or revoked, is a 401 before the route runs, so it
 * writes nothing and counts against no key's limit (only against its address's); an active key counts against
 * its own limit, is recorded as used, and must hold `scope` where the route names one.
 */
export function apiHandler<P = Record<string, string>>(
  fn: (req: Request, ctx: ApiContext<P>) => Promise<Response>,
  options: ApiHandlerOptions = {},
) {
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    const credential = bearerCredential(req.headers.get("authorization"), { accessTokens: options.accessTokens });
    let verdict: LimitVerdict;
    try {
      verdict = await apiAddressLimit(clientIp(req.headers), credential.kind === "api_key");
    } catch (err) {
      return errorResponse(err);
    }
    const reported: LimitVerdict[] = [];
    let res: Response;
    try {
      let apiKey: ApiClient | null = null;
      if (credential.kind === "malformed")
        throw new AppError("unauthorized", {}, "This API key is malformed: send the whole key, trn_..., as it was shown when it was created (Authorization: Bearer trn_...).");
      if (credential.kind === "api_key") {
        apiKey = await findActiveApiKey(getDb(), credential.token);
        if (!apiKey) throw new AppError("unauthorized", {}, "This API key is unknown or revoked.");
        reported.push(await apiKeyLimit(credential.token));
      }
      if (apiKey && options.scope && !apiKey.scopes.includes(options.scope))
        throw new AppError("forbidden", { scope: options.scope }, `This API key lacks the ${options.scope} scope.`);
      if (options.requireKey && !apiKey) throw new AppError("unauthorized", {}, "A valid API key is required (Authorization: Bearer trn_...).");
      res = await fn(req, { ...ctx, apiKey, reportLimit: (v) => reported.push(v) });
    } catch (err) {
      res = errorResponse(err);
    }
    const headers = rateLimitHeaders(reported.length ? tightest([verdict, ...reported]) : verdict);
    return withHeaders(res, res.status === 401 && !res.headers.has("www-authenticate") ? { ...headers, "WWW-Authenticate": bearerChallenge(req) } : headers);
  };
}

// The public catalogue's API reads answered by the Node server process before Next.js routes them:
// GET /api/v1/courses, /api/v1/sessions/{id}/availability and /api/v1/availability/{offeringId}?date=, asked
// without an API key. Their bodies are the same serialised listings the route handlers send (kept for
// CATALOGUE_CACHE_SECONDS, lib/catalog/public-listings.ts), and each request is counted against the same
// per-IP limit, so an answer differs from the route handler's only in skipping Next.js's routing, which was
// most of its cost. Anything else (an Authorization header of any kind, an unknown id, a missing date, a refused
// limit's store failing) is left to the route handlers, which answer it with their own messages: a malformed,
// unknown or revoked API key gets the same 401 there as on every other /api/v1 route.
import type { IncomingMessage, ServerResponse } from "node:http";
import { apiAddressLimit } from "@/lib/api/api-handler";
import { clientIp } from "@/lib/auth/client-ip";
import { catalogueCacheControl, publicCoursesJson, publicSessionAvailabilityJson, publicSlotAvailabilityJson } from "@/lib/catalog/public-listings";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { rateLimitHeaders } from "@/lib/rate-limit/limits";
import { isUuid } from "@/lib/validations/ids";
import { newNonce, securityHeaders, servedOverHttps } from "./security-headers";
import { hookRequests } from "./server-hook";

/** Says the answer came from this path (operators, and the tests that must see it). */
export const FAST_PATH_HEADER = "x-turnout-fast-path";

const SESSION_AVAILABILITY = /^\/api\/v1\/sessions\/([^/]+)\/availability$/;
const SLOT_AVAILABILITY = /^\/api\/v1\/availability\/([^/]+)$/;

/** The body the route handler would send for this URL, or null when the route handler must answer. */
export function publicReadFor(url: URL): (() => Promise<string | null>) | null {
  if (url.pathname === "/api/v1/courses") return publicCoursesJson;
  const session = SESSION_AVAILABILITY.exec(url.pathname)?.[1];
  if (session !== undefined) return isUuid(session) ? () => publicSessionAvailabilityJson(session) : null;
  const offering = SLOT_AVAILABILITY.exec(url.pathname)?.[1];
  const date = url.searchParams.get("date");
  if (offering !== undefined && isUuid(offering) && date) return () => publicSlotAvailabilityJson(offering, date);
  return null;
}

const headerReader = (req: IncomingMessage): Pick<Headers, "get"> => ({
  get: (name: string) => {
    const value = req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(", ") : value ?? null;
  },
});

/** Sends an answer made here, with the headers Next.js's proxy gives every answer (proxy.ts). */
export function sendFromFastPath(req: IncomingMessage, res: ServerResponse, status: number, body: string, headers: Record<string, string>) {
  const https = servedOverHttps(process.env.APP_URL, (req.headers["x-forwarded-proto"] as string | undefined) ?? null);
  for (const [name, value] of Object.entries(securityHeaders({ nonce: newNonce(), https, dev: false }))) res.setHeader(name, value);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader("content-length", Buffer.byteLength(body));
  res.setHeader(FAST_PATH_HEADER, "1");
  res.statusCode = status;
  res.end(body);
}

async function serve(req: IncomingMessage, res: ServerResponse, read: () => Promise<string | null>, next: () => boolean) {
  const body = await read().catch(() => null);
  if (body === null) return next();
  let verdict;
  try {
    verdict = await apiAddressLimit(clientIp(headerReader(req)), false);
  } catch (err) {
    if (!(err instanceof AppError)) return next();
    const refusal = errorResponse(err);
    return sendFromFastPath(req, res, refusal.status, await refusal.text(), Object.fromEntries(refusal.headers));
  }
  sendFromFastPath(req, res, 200, body, { "content-type": "application/json", "cache-control": catalogueCacheControl(), ...rateLimitHeaders(verdict) });
}

/** Answers the public reads above, or passes the request on. */
export function answerPublicRead(req: IncomingMessage, res: ServerResponse, next: () => boolean): boolean {
  if (req.method !== "GET" || !req.url?.startsWith("/api/v1/") || req.headers.authorization !== undefined) return next();
  const read = publicReadFor(new URL(req.url, "http://app.invalid"));
  if (!read) return next();
  serve(req, res, read, next).catch(() => {
    if (!res.headersSent) next();
  });
  return true;
}

/** Installed from instrumentation.ts (production servers), before the request observer, which wraps it. */
export function installApiFastPath() {
  hookRequests("api-fast-path", answerPublicRead);
}

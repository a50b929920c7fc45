// Prometheus metrics, for a scraper holding METRICS_TOKEN (README "Operating Turnout"). Without the token
// configured the endpoint does not exist (404); with it, a missing or wrong bearer token gets 401.
import { timingSafeEqual, createHash } from "node:crypto";
import { env } from "@/lib/env";
import { bearerToken, handler } from "@/lib/http/route";
import { scrapeMetrics } from "@/lib/metrics/scrape";

export const dynamic = "force-dynamic";

function sameToken(given: string, expected: string) {
  // Hashing first makes the comparison constant-time whatever the lengths.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export const GET = handler(async (req) => {
  const expected = env().METRICS_TOKEN;
  if (!expected) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  const given = bearerToken(req);
  if (!given || !sameToken(given, expected))
    return new Response("Unauthorized\n", { status: 401, headers: { "content-type": "text/plain", "www-authenticate": 'Bearer realm="metrics"' } });
  const { body, contentType } = await scrapeMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});

// Every HTTP request the Node server process answers: given a request id (the caller's `x-request-id` when
// sensible, else a fresh one) before Next.js sees it, run inside a log context carrying that id, counted and
// timed per route for /api/metrics, and logged once when answered.
import type { IncomingMessage, ServerResponse } from "node:http";
import { accessLog, requestIdFrom, withLogContext } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";
import { routeLabel } from "@/lib/metrics/route-label";
import { hookRequests } from "./server-hook";

export function observeRequest(req: IncomingMessage, res: ServerResponse, next: () => boolean): boolean {
  const requestId = requestIdFrom(req.headers["x-request-id"] as string | undefined);
  req.headers["x-request-id"] = requestId;
  if (!res.headersSent) res.setHeader("x-request-id", requestId);
  const started = process.hrtime.bigint();
  res.once("finish", () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const route = routeLabel(req.url ?? "/", res.statusCode);
    const method = req.method ?? "GET";
    const m = metrics();
    m.httpRequests.inc({ route, method, status: String(res.statusCode) });
    m.httpDuration.observe({ route, method }, seconds);
    if (route === "/_next/*") return;
    // Every field fixed by this code (the route is a label, never the raw path): written unredacted.
    const line = { requestId, method, route, status: res.statusCode, durationMs: Math.round(seconds * 10000) / 10 };
    if (res.statusCode >= 500) accessLog.error(line, "request failed");
    else accessLog.info(line, "request");
  });
  return withLogContext({ requestId }, next);
}

/** Installed once from instrumentation.ts; wraps the "request" event of every HTTP server in this process. */
export function installRequestObserver() {
  hookRequests("request-observer", observeRequest);
}

// Starts background housekeeping and the job thread (lib/jobs/job-thread.ts) in the Node.js server process,
// and the page renderer (lib/http/page-renderer.ts) beside it, stamps each request with its socket address
// (the client address when no proxy is trusted, see lib/auth/client-ip.ts), answers the public
// catalogue pages from a cache of a few seconds (lib/http/page-cache.ts), the public API's catalogue reads
// (lib/http/api-fast-path.ts) and Stripe's webhooks (lib/http/webhook-fast-path.ts, applied on a thread of
// their own: lib/payments/webhook-thread.ts) before Next.js routes
// them, and gives each request an id that its log lines carry, counting and timing it for /api/metrics
// (lib/http/request-observer.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  // The page renderer started by a production server (lib/http/page-renderer.ts): it renders catalogue pages
  // for that server's page cache and does nothing else.
  if (process.env.TURNOUT_ROLE === "page-renderer") {
    const { serveAsPageRenderer } = await import("./lib/http/page-renderer");
    serveAsPageRenderer(env().PAGE_RENDER_NICE);
    const { installRequestObserver } = await import("./lib/http/request-observer");
    installRequestObserver();
    return;
  }
  // Production servers only: `next dev` writes its own Content-Security-Policy (eval for fast refresh) and
  // should show an edited page or route at once.
  if (process.env.NODE_ENV === "production") {
    const { installPageCache } = await import("./lib/http/page-cache");
    // Its pages are rendered by a process of their own (lib/http/page-renderer.ts), off the thread answering visitors.
    const { startPageRenderer } = await import("./lib/http/page-renderer");
    const renderer = env().CATALOGUE_CACHE_SECONDS > 0 && env().PAGE_RENDERER === "process"
      ? startPageRenderer({ env: { DATABASE_POOL_MAX: "2" } })
      : null;
    installPageCache(() => env().CATALOGUE_CACHE_SECONDS * 500, () => renderer?.address() ?? null);
    const { installApiFastPath } = await import("./lib/http/api-fast-path");
    installApiFastPath();
    const { installWebhookFastPath } = await import("./lib/http/webhook-fast-path");
    installWebhookFastPath();
    // The events that fast path reads are applied on a thread of their own (lib/payments/webhook-thread.ts).
    const { startWebhookThread } = await import("./lib/payments/webhook-thread");
    const { log } = await import("./lib/log");
    startWebhookThread()?.catch((err) => log.error({ err }, "webhook thread failed to start"));
  }
  // Each hook installed here runs before those installed above it: the request observer first (every answer
  // is counted and logged), then the peer address stamp (the fast path's rate limit reads it), then the caches.
  const { installPeerAddressStamp } = await import("./lib/http/peer-address");
  installPeerAddressStamp();
  const { installRequestObserver } = await import("./lib/http/request-observer");
  installRequestObserver();
  const { log } = await import("./lib/log");
  const { startMaintenanceLoop } = await import("./lib/maintenance-loop");
  startMaintenanceLoop();
  // Jobs run on a thread of their own, with their own PDF threads (lib/jobs/job-thread.ts).
  const { startJobThread } = await import("./lib/jobs/job-thread");
  startJobThread()?.catch((err) => log.error({ err }, "job thread failed to start"));
  // This thread's PDF threads draw downloads (a ticket, a requirements sheet): one warm-up round loads the
  // documents and fonts now rather than on the first download.
  const { startPdfPool } = await import("./lib/pdf/render-pool");
  startPdfPool().catch((err) => log.error({ err }, "PDF render threads failed to start"));
}

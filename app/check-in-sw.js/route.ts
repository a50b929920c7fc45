// The door page's service worker script (lib/check-in/service-worker). Built once by `next build` and served
// as a static file; its scope is /admin/check-in, which the page passes when registering it.
import nextConfig from "@/next.config";
import { buildCheckInServiceWorker } from "@/lib/check-in/service-worker/build";

export const dynamic = "force-static";

export async function GET() {
  const development = process.env.NODE_ENV === "development";
  const script = await buildCheckInServiceWorker({
    root: process.cwd(),
    distDir: nextConfig.distDir ?? ".next",
    precache: !development,
  });
  return new Response(script, {
    headers: {
      "content-type": "application/javascript; charset=utf-8",
      // The browser checks for a new worker on each visit; a copy in the HTTP cache must not hide one.
      "cache-control": "no-cache",
    },
  });
}

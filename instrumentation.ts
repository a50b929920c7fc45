// Starts background housekeeping in the Node.js server process, and stamps each request with its socket
// address (the client address when no proxy is trusted, see lib/auth/client-ip.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installPeerAddressStamp } = await import("./lib/http/peer-address");
  installPeerAddressStamp();
  const { startMaintenanceLoop } = await import("./lib/maintenance-loop");
  startMaintenanceLoop();
  const { startWorker } = await import("./lib/jobs/worker");
  startWorker()?.catch((err) => console.error("job worker failed to start", err));
  // The PDF threads compile the documents and load the fonts once, now rather than on the first payment.
  const { warmPdfPool } = await import("./lib/pdf/render-pool");
  warmPdfPool().catch((err) => console.error("PDF render threads failed to start", err));
}

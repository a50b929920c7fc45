// Starts background housekeeping in the Node.js server process.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startMaintenanceLoop } = await import("./lib/maintenance-loop");
  startMaintenanceLoop();
  const { startWorker } = await import("./lib/jobs/worker");
  startWorker()?.catch((err) => console.error("job worker failed to start", err));
}

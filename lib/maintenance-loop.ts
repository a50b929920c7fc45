import { getDb } from "@/db";
import { env } from "@/lib/env";
import { runMaintenance } from "./maintenance";
import { log } from "@/lib/log";

const globalLoop = globalThis as unknown as { turnoutMaintenance?: NodeJS.Timeout };

export function startMaintenanceLoop() {
  const seconds = env().MAINTENANCE_INTERVAL_SECONDS;
  if (!seconds || globalLoop.turnoutMaintenance || !env().DATABASE_URL) return;
  let running = false;
  globalLoop.turnoutMaintenance = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await runMaintenance(getDb());
    } catch (err) {
      log.error({ err }, "maintenance failed");
    } finally {
      running = false;
    }
  }, seconds * 1000);
  globalLoop.turnoutMaintenance.unref();
}

// `npm run bench`: starts the production build on a fresh database, measures every figure of issue 15
// with its same-run reference, and prints one table (bench/README.md explains it). It never fails a build.
import os from "node:os";
import { startApp } from "./lib/app";
import { autogroupState } from "./lib/scheduling";
import { printTable, type Row } from "./lib/table";
import type { Figure, Shared } from "./figures/figure";
import { bookingCreation } from "./figures/booking-creation";
import { doorCheckIns, slotAvailability } from "./figures/door-and-slots";
import { emailBurst } from "./figures/email-burst";
import { paidWebhooks } from "./figures/paid-webhooks";
import { readPaths } from "./figures/read-paths";
import { seatSales } from "./figures/seat-sales";

// In this order: the burst runs on an empty job queue, before the webhook figure fills it, and the raw
// payment loop uses the bookings the raw booking loop leaves.
const figures: Figure[] = [readPaths, slotAvailability, emailBurst, bookingCreation, paidWebhooks, seatSales, doorCheckIns];

async function main() {
  const only = process.env.BENCH_ONLY?.split(",");
  const app = await startApp();
  await app.idle();
  process.env.DATABASE_URL = app.databaseUrl; // for the library code the fixtures call
  const rows: Row[] = [];
  const shared: Shared = {};
  try {
    for (const figure of figures) {
      if (only && !only.some((o) => figure.name.includes(o))) continue;
      console.log(`measuring ${figure.name} ...`);
      await app.quiet();
      try {
        rows.push(...(await figure.run(app, shared)));
      } catch (err) {
        console.error(`${figure.name} failed:`, err);
      }
    }
  } finally {
    await app.stop();
  }
  console.log(`\n${os.cpus().length} CPU cores (${os.cpus()[0]?.model ?? "unknown"}), Node ${process.version}, ${autogroupState()}, ${new Date().toISOString()}\n`);
  printTable(rows);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});

// Runs in each test worker before a test file: point the app at this run's database, with the
// simulated payment provider and default settings whatever the developer's shell exports.
import { afterAll, inject } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { closePdfPool } from "@/lib/pdf/render-pool";

process.env.DATABASE_URL = inject("databaseUrl");
const APP_SETTINGS = [
  "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "APP_SECRET", "APP_URL", "HOLD_MINUTES", "BALANCE_DUE_DAYS", "SMTP_URL",
];
for (const name of APP_SETTINGS) delete process.env[name];
// Tests assert on availability right after changing it; the listing cache has its own tests.
process.env.CATALOGUE_CACHE_SECONDS = "0";
// Tests call the API far more often than a client may, all from one address: the rate limits have their own tests.
for (const name of ["API_RATE_LIMIT_PER_IP", "API_RATE_LIMIT_PER_KEY", "HOLD_LIMIT_PER_IP", "HOLD_LIMIT_PER_EMAIL", "CODE_GUESS_LIMIT_PER_IP", "CODE_GUESS_LIMIT_PER_EMAIL"])
  process.env[name] = "1000000";
resetEnvForTests();

// db/index.ts caches one pool per process on globalThis; close it after each file so pools do not pile up.
afterAll(async () => {
  const cache = globalThis as unknown as { turnoutDb?: { sql: { end(): Promise<void> } } };
  const client = cache.turnoutDb;
  cache.turnoutDb = undefined;
  await client?.sql.end();
  // The PDF threads a file started end with it.
  await closePdfPool();
});

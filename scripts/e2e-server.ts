// The server Playwright runs against: a fresh database on the test PostgreSQL, migrated and seeded, then
// the production build. Used by playwright.config.ts's webServer.
import { spawn } from "node:child_process";
import { ensureDatabase, migrateDatabase } from "@/lib/setup/migrate";
import { seedDemoData } from "@/lib/setup/seed";
import { createDb } from "@/db";
import { nextServerCommand } from "@/lib/setup/next-server";

const port = process.env.E2E_PORT ?? "3100";
const server = process.env.TEST_DATABASE_SERVER_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function main() {
  const url = await ensureDatabase(server, process.env.E2E_DATABASE_NAME ?? "turnout_e2e", { fresh: true });
  await migrateDatabase(url);
  const { db, sql } = createDb(url, { max: 1 });
  await seedDemoData(db);
  await sql.end();
  const command = nextServerCommand("start", ["-p", port, "-H", "127.0.0.1"]);
  const next = spawn(command.command, command.args, {
    stdio: "inherit",
    // The specs look at the pages straight after booking through the API; the listing cache's lag is
    // covered by the integration tests and measured by the benchmark.
    env: { ...process.env, CATALOGUE_CACHE_SECONDS: process.env.CATALOGUE_CACHE_SECONDS ?? "0",
      // Every spec books from this one address: the rate limits have integration tests of their own.
      API_RATE_LIMIT_PER_IP: process.env.API_RATE_LIMIT_PER_IP ?? "1000000", HOLD_LIMIT_PER_IP: process.env.HOLD_LIMIT_PER_IP ?? "1000000",
      HOLD_LIMIT_PER_EMAIL: process.env.HOLD_LIMIT_PER_EMAIL ?? "1000000",
      CODE_GUESS_LIMIT_PER_IP: process.env.CODE_GUESS_LIMIT_PER_IP ?? "1000000", CODE_GUESS_LIMIT_PER_EMAIL: process.env.CODE_GUESS_LIMIT_PER_EMAIL ?? "1000000",
      DATABASE_URL: url, APP_URL: `http://127.0.0.1:${port}`, NEXTAUTH_URL: `http://127.0.0.1:${port}`, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const stop = () => next.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  next.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

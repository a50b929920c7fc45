// Runs the app with nothing set up: an embedded PostgreSQL when DATABASE_URL is unset, migrations, demo data,
// then Next.js. `npm run dev` (development server) or `npm start` (production build).
import { spawn } from "node:child_process";
import { ensureDatabase, migrateDatabase } from "@/lib/setup/migrate";
import { seedDemoData } from "@/lib/setup/seed";
import { createDb } from "@/db";
import { nextServerCommand } from "@/lib/setup/next-server";
import { startEmbeddedPostgres } from "./embedded-postgres";

const mode = process.argv.includes("--prod") ? "start" : "dev";
const port = process.env.PORT ?? "3000";

async function main() {
  let stopDatabase = async () => {};
  if (!process.env.DATABASE_URL) {
    const pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    const server = await startEmbeddedPostgres(pgPort);
    console.log(`DATABASE_URL is not set: started the embedded PostgreSQL on port ${pgPort} (data in ${server.dir})`);
    stopDatabase = server.stop;
    process.env.DATABASE_URL = await ensureDatabase(server.serverUrl, "turnout");
  }
  process.env.APP_URL ??= `http://localhost:${port}`;
  process.env.NEXTAUTH_URL ??= process.env.APP_URL;
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  await migrateDatabase(process.env.DATABASE_URL);
  if (process.env.SEED_DEMO_DATA !== "false") {
    const { db, sql } = createDb(process.env.DATABASE_URL, { max: 1 });
    await seedDemoData(db);
    await sql.end();
  }
  console.log(process.env.STRIPE_SECRET_KEY ? "Payments: Stripe" : "Payments: simulated checkout (test mode, no Stripe key)");

  const server = nextServerCommand(mode, ["-p", port]);
  const next = spawn(server.command, server.args, { stdio: "inherit", env: process.env });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    next.kill("SIGTERM");
    await stopDatabase().catch(() => {});
    process.exit(code);
  };
  process.on("SIGINT", () => stop(0));
  process.on("SIGTERM", () => stop(0));
  next.on("exit", (code) => stop(code ?? 0));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// Applies the migrations in drizzle/ to DATABASE_URL. `npm run db:migrate`.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { Logger, runMigrations } from "graphile-worker";
import * as schema from "./schema";
import { issueMissingTickets } from "@/lib/tickets/issue";

export async function migrateDatabase(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(client), { migrationsFolder: path.join(process.cwd(), "drizzle") });
    // Tickets for places confirmed before tickets existed: their hashes need APP_SECRET, so not in SQL.
    await issueMissingTickets(drizzle(client, { schema }));
  } finally {
    await client.end();
  }
  // The job queue's own schema (graphile_worker), versioned by the library.
  await runMigrations({ connectionString: url, logger: quietLogger });
}

const quietLogger = new Logger(() => () => {});

/** Creates a database on the server of `serverUrl` if it does not exist yet; returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string, { fresh = false } = {}) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unsafe database name: ${name}`);
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    if (fresh) await admin.unsafe(`drop database if exists "${name}" with (force)`);
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!exists) await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set. (`npm run dev` starts an embedded database and migrates it for you.)");
    process.exit(1);
  }
  migrateDatabase(url).then(
    () => console.log("migrations applied"),
    (err) => { console.error(err); process.exit(1); },
  );
}

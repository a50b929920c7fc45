// The schema's migrations: drizzle/ and the job queue's own. lib/setup/migrate.ts runs them, with the data
// steps that need the app's code, for `npm run db:migrate`, `npm start`, the tests and the benchmark.
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { Logger, runMigrations } from "graphile-worker";

/** Applies the migrations in drizzle/ to the database at `url`. */
export async function applySchemaMigrations(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(client), { migrationsFolder: path.join(process.cwd(), "drizzle") });
  } finally {
    await client.end();
  }
}

/** The job queue's own schema (graphile_worker), versioned by the library. */
export async function applyJobQueueMigrations(url: string) {
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

// The database client: one postgres.js pool per process, wrapped by Drizzle.
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";
import { env } from "@/lib/env";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

type Client = { db: Db; sql: postgres.Sql };
const globalForDb = globalThis as unknown as { turnoutDb?: Client };

export function createDb(url: string, options: { max?: number } = {}): Client {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  return { db: drizzle(client, { schema }), sql: client };
}

function client(): Client {
  if (!globalForDb.turnoutDb) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides one.");
    globalForDb.turnoutDb = createDb(url, { max: env().DATABASE_POOL_MAX });
  }
  return globalForDb.turnoutDb;
}

/** The shared Drizzle instance for this process. */
export function getDb(): Db {
  return client().db;
}

export function getSql(): postgres.Sql {
  return client().sql;
}

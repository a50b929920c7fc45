// The database client: one postgres.js pool per process, wrapped by Drizzle.
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";
import { connectionName, databaseEnv } from "./config";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

type Client = { db: Db; sql: postgres.Sql };
const globalForDb = globalThis as unknown as { turnoutDb?: Client };

/** `applicationName`: what its connections are called in pg_stat_activity (default: connectionName()). */
export function createDb(url: string, options: { max?: number; prepare?: boolean; applicationName?: string } = {}): Client {
  const client = postgres(url, {
    max: options.max ?? 10, onnotice: () => {}, connection: { application_name: options.applicationName ?? connectionName() },
  });
  const prepare = options.prepare ?? databaseEnv().DATABASE_PREPARE;
  return { db: drizzle(prepare ? preparing(client) : client, { schema }), sql: client };
}

type Unsafe = postgres.Sql["unsafe"];

/**
 * Drizzle runs every query through postgres.js's `unsafe` with `prepare: false`. postgres.js must then ask the
 * server for a statement's parameter types before it can send the values, every time: two round trips per
 * query, and the next query waits for both. Prepared (each connection keeps its statements by their text), a
 * query costs one round trip after its first, and queries issued together are sent together (db/in-order.ts).
 * This wraps the client Drizzle is given, and the clients of its transactions and savepoints, so that
 * every query is prepared.
 */
function preparing(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === "unsafe")
        return ((query, args, options) => target.unsafe(query, args, { ...options, prepare: true })) satisfies Unsafe;
      // A transaction's or savepoint's own client, handed to the callback (the last argument), is wrapped too.
      if (prop === "begin" || prop === "savepoint") {
        const open = Reflect.get(target, prop, receiver) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const fn = args.pop() as (inner: postgres.Sql) => unknown;
          return open.call(target, ...args, (inner: postgres.Sql) => fn(preparing(inner)));
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

function client(): Client {
  if (!globalForDb.turnoutDb) {
    const settings = databaseEnv();
    if (!settings.DATABASE_URL) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides one.");
    globalForDb.turnoutDb = createDb(settings.DATABASE_URL, { max: settings.DATABASE_POOL_MAX, prepare: settings.DATABASE_PREPARE });
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

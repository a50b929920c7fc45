// The database's own settings, read from the environment. lib/env.ts takes these fields into the app's
// environment (documented in README.md); they live here so that db/ reads them without importing lib/.
import { z } from "zod";

export const databaseEnvShape = {
  DATABASE_URL: z.string().url().optional(),
  // Connections each instance's pool may open (the job worker and the live dashboard add a few of their own).
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  // Prepared statements (db/index.ts): turn off behind a connection pooler that cannot keep them.
  DATABASE_PREPARE: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
};

const databaseEnvSchema = z.object(databaseEnvShape);

/**
 * The name this process's or thread's connections give PostgreSQL (`application_name`, shown in
 * pg_stat_activity and the server's log): `PGAPPNAME` as libpq reads it, default `turnout`, with the pool's
 * role after it (`turnout jobs`). Each of the server's threads sets its own, so a busy or stuck connection
 * says whose it is.
 */
export function connectionName(role?: string): string {
  const base = process.env.PGAPPNAME || "turnout";
  return role ? `${base} ${role}` : base;
}

/** `schema` parsed from the process's environment, a blank value counting as unset; one line per problem. */
export function parseEnvironment<S extends z.ZodType>(schema: S): z.output<S> {
  const raw = Object.fromEntries(Object.entries(process.env).map(([k, v]) => [k, v === "" ? undefined : v]));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`Invalid environment:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  return parsed.data;
}

/** The database settings in the environment now (read when a client is made, which is rare). */
export function databaseEnv(): z.output<typeof databaseEnvSchema> {
  return parseEnvironment(databaseEnvSchema);
}

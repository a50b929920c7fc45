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

/** The database settings in the environment now (read when a client is made, which is rare); blank is unset. */
export function databaseEnv(): z.output<typeof databaseEnvSchema> {
  const raw = Object.fromEntries(Object.keys(databaseEnvShape).map((k) => [k, process.env[k] === "" ? undefined : process.env[k]]));
  const parsed = databaseEnvSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Invalid environment:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  return parsed.data;
}

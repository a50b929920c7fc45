// Creates a fresh, migrated and seeded database for this test run, hands its URL to the test workers and
// drops it afterwards. TEST_DATABASE_SERVER_URL names the server (any existing database on it); scripts/test.ts
// sets it, to an embedded server of its own when no other answers.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { createDb } from "@/db";
import { ensureDatabase, migrateDatabase } from "@/lib/setup/migrate";
import { seedDemoData } from "@/lib/setup/seed";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL || DEFAULT_SERVER_URL;
  const name = `turnout_test_${randomBytes(6).toString("hex")}`;
  let url: string;
  try {
    url = await ensureDatabase(serverUrl, name, { fresh: true });
  } catch (err) {
    throw new Error(`Could not create the test database on ${redact(serverUrl)}. Is PostgreSQL running? ` +
      `Set TEST_DATABASE_SERVER_URL to point at it, or run the tests with \`npm run test:unit\`, which starts ` +
      `an embedded PostgreSQL when none answers.\n${(err as Error).message}`);
  }
  await migrateDatabase(url);
  const { db, sql } = createDb(url, { max: 1 });
  try {
    await seedDemoData(db);
  } finally {
    await sql.end();
  }

  project.provide("databaseUrl", url);
  // Workers started after this point inherit it too; tests/setup.ts sets it from inject() regardless.
  process.env.DATABASE_URL = url;

  return async () => {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await admin.end();
    }
  };
}

function redact(url: string) {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

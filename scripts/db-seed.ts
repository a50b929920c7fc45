// `npm run db:seed`: the demo data (lib/setup/seed.ts) in the database at DATABASE_URL. Idempotent.
import { createDb } from "@/db";
import { seedDemoData } from "@/lib/setup/seed";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. (`npm run dev` starts an embedded database and seeds it for you.)");
  process.exit(1);
}
const { db, sql: client } = createDb(url, { max: 1 });
seedDemoData(db).then(
  async () => { console.log("demo data seeded"); await client.end(); },
  async (err) => { console.error(err); await client.end(); process.exit(1); },
);

// `npm run db:migrate`: brings the database at DATABASE_URL up to date (lib/setup/migrate.ts).
import { migrateDatabase } from "@/lib/setup/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. (`npm run dev` starts an embedded database and migrates it for you.)");
  process.exit(1);
}
migrateDatabase(url).then(
  () => console.log("migrations applied"),
  (err) => { console.error(err); process.exit(1); },
);

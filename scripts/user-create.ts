// Creates a staff account, for the first admin: `npm run user:create -- --email a@b.c --role admin [--name "A B"]`.
// With an existing address it updates the role and name and re-enables the account.
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { createDb } from "@/db";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { createStaffUser } from "@/lib/staff/users";
import { staffUserSchema } from "@/lib/validations/catalog";
import { embeddedDatabaseUrl } from "./embedded-postgres";

const usage = "Usage: npm run user:create -- --email someone@example.com --role admin|finance|door [--name \"Full Name\"]";

async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } } });
  const parsed = staffUserSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".")}: ${issue.message}`);
    console.error(usage);
    process.exit(2);
  }
  // Without DATABASE_URL: the embedded database that `npm run dev` / `npm start` is running.
  const url = process.env.DATABASE_URL ?? embeddedDatabaseUrl();
  const { db, sql } = createDb(url, { max: 1 });
  try {
    await sql`select 1`;
  } catch {
    console.error(process.env.DATABASE_URL
      ? "Cannot reach DATABASE_URL."
      : "DATABASE_URL is not set and the embedded database is not running: start the app with `npm run dev` first, or set DATABASE_URL.");
    process.exit(1);
  }
  const actor = { id: null, email: "cli:user-create" };
  try {
    const [existing] = await db.select().from(users).where(eq(users.email, parsed.data.email));
    if (existing) {
      await db.transaction(async (tx) => {
        const [after] = await tx.update(users)
          .set({ role: parsed.data.role, name: parsed.data.name ?? existing.name, disabledAt: null })
          .where(eq(users.id, existing.id)).returning();
        await recordAudit(tx, actor, {
          action: "user.update", entityType: "user", entityId: existing.id,
          before: { role: existing.role, name: existing.name, disabledAt: existing.disabledAt },
          after: { role: after.role, name: after.name, disabledAt: after.disabledAt },
        });
      });
      console.log(`Updated ${parsed.data.email}: role ${parsed.data.role}, enabled.`);
    } else {
      const user = await createStaffUser(db, actor, parsed.data);
      console.log(`Created ${user.email} (${user.role}). They can now sign in at /signin with a magic link.`);
    }
  } finally {
    await sql.end();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

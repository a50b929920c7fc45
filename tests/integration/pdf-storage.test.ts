// drizzle/0026: PDFs (already deflated inside) are stored as they are, not run through PostgreSQL's compression
// on every write, and read back byte for byte.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/db";

const client = createDb(process.env.DATABASE_URL!, { max: 1 });
afterAll(() => client.sql.end());

describe("stored PDFs", () => {
  it("are kept out of line without compression in every column that holds one", async () => {
    const rows = await client.sql`
      select c.relname as table, a.attname as column, a.attstorage as storage
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and a.atttypid = 'bytea'::regtype and a.attnum > 0 and not a.attisdropped
      order by 1, 2`;
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { table: "credit_notes", column: "pdf", storage: "e" },
      { table: "email_attachments", column: "content", storage: "e" },
      { table: "invoices", column: "pdf", storage: "e" },
    ]);
  });

  it("reads back what was written, uncompressed, even where compression would have saved space", async () => {
    // Mostly text, which PostgreSQL's default storage would compress (to well under the three quarters it
    // requires), then a deflated (random-looking) stream.
    const pdf = Buffer.concat([Buffer.from("%PDF-1.3 1 0 obj << /Type /Page >> endobj\n".repeat(4_000)), randomBytes(40_000)]);
    await client.sql.begin(async (tx) => {
      await tx`create temporary table probe (like email_attachments including storage including defaults) on commit drop`;
      await tx`insert into probe (message_id, position, content) values (gen_random_uuid(), 0, ${pdf})`;
      const [row] = await tx`select content, pg_column_compression(content) as compression from probe`;
      expect(Buffer.compare(row.content as Buffer, pdf)).toBe(0);
      expect(row.compression).toBeNull();
    });
  });
});

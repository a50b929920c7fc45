// db/reusable.ts: a statement built once runs on whichever database or transaction it is given, with that
// run's values: inside a transaction it sees the transaction's own writes and nothing of it survives a
// rollback, and transactions running it at once each get their own rows.
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reusable, reusableRows, reusableSql, value } from "@/db/reusable";
import { courseSessions, paymentLogs, venues } from "@/db/schema";
import { createSessionFixture, db } from "../fixtures";

const capacityOf = reusable("test-capacity", (on) => on
  .select({ capacity: courseSessions.capacity, venue: venues.name })
  .from(courseSessions).innerJoin(venues, eq(venues.id, courseSessions.venueId))
  .where(eq(courseSessions.id, sql.placeholder("id"))));

const setCapacity = reusable("test-set-capacity", (on) => on
  .update(courseSessions).set({ capacity: sql`${sql.placeholder("capacity")}::int` })
  .where(eq(courseSessions.id, sql.placeholder("id")))
  .returning({ capacity: courseSessions.capacity }));

const insertLogs = reusableRows("test-insert-logs", paymentLogs, ["type", "message", "data", "createdAt"],
  (on, rows) => on.insert(paymentLogs).values(rows as unknown as (typeof paymentLogs.$inferInsert)[]).returning({ id: paymentLogs.id }));

const capacitiesOf = reusableSql<{ ids: string[] }, { id: string; capacity: number }>("test-capacities-sql", sql`
  select id, capacity from course_sessions where id = any(${value("ids", "uuid[]")}) order by capacity`);

class Rollback extends Error {}

describe("reusable statements", () => {
  it("run with each run's values, on the database", async () => {
    const [a, b] = [await createSessionFixture({ capacity: 7 }), await createSessionFixture({ capacity: 9 })];
    expect(await capacityOf(db(), { id: a.session.id })).toEqual([{ capacity: 7, venue: a.venue.name }]);
    expect(await capacityOf(db(), { id: b.session.id })).toEqual([{ capacity: 9, venue: b.venue.name }]);
    expect(await capacityOf(db(), { id: crypto.randomUUID() })).toEqual([]);
  });

  it("run inside the transaction they are given: its own writes are seen, and a rollback keeps none", async () => {
    const { session } = await createSessionFixture({ capacity: 5 });
    await expect(db().transaction(async (tx) => {
      expect(await setCapacity(tx, { id: session.id, capacity: 50 })).toEqual([{ capacity: 50 }]);
      expect(await capacityOf(tx, { id: session.id })).toMatchObject([{ capacity: 50 }]);
      // Another connection does not see the uncommitted change.
      expect(await capacityOf(db(), { id: session.id })).toMatchObject([{ capacity: 5 }]);
      throw new Rollback();
    })).rejects.toBeInstanceOf(Rollback);
    expect(await capacityOf(db(), { id: session.id })).toMatchObject([{ capacity: 5 }]);
  });

  it("keep transactions running them at once apart", async () => {
    const fixtures = await Promise.all(Array.from({ length: 12 }, (_, i) => createSessionFixture({ capacity: 10 + i })));
    const seen = await Promise.all(fixtures.map(({ session }, i) => db().transaction(async (tx) => {
      await setCapacity(tx, { id: session.id, capacity: 100 + i });
      const [row] = await capacityOf(tx, { id: session.id });
      return row.capacity;
    })));
    expect(seen).toEqual(fixtures.map((_, i) => 100 + i));
    const after = await Promise.all(fixtures.map(({ session }) => capacityOf(db(), { id: session.id })));
    expect(after.map(([r]) => r.capacity)).toEqual(fixtures.map((_, i) => 100 + i));
  });

  it("written in SQL, give the rows execute gives, on the database and inside a transaction", async () => {
    const [a, b] = [await createSessionFixture({ capacity: 4 }), await createSessionFixture({ capacity: 3 })];
    const ids = [a.session.id, b.session.id];
    const executed = await db().execute(sql`select id, capacity from course_sessions where id in (${ids[0]}, ${ids[1]}) order by capacity`);
    expect([...await capacitiesOf(db(), { ids })]).toEqual([...executed]);
    expect([...await capacitiesOf(db(), { ids: [a.session.id] })]).toEqual([{ id: a.session.id, capacity: 4 }]);
    await expect(db().transaction(async (tx) => {
      await setCapacity(tx, { id: b.session.id, capacity: 30 });
      expect([...await capacitiesOf(tx, { ids })]).toEqual([{ id: a.session.id, capacity: 4 }, { id: b.session.id, capacity: 30 }]);
      throw new Rollback();
    })).rejects.toBeInstanceOf(Rollback);
    expect([...await capacitiesOf(db(), { ids })]).toEqual([...executed]);
  });

  it("insert any number of rows, each value encoded by its column, a null kept as NULL", async () => {
    const at = new Date("2026-03-29T00:30:00.000Z");
    const tag = crypto.randomUUID();
    const one = await insertLogs(db(), [{ type: tag, message: "one", data: null, createdAt: at }]);
    const three = await insertLogs(db(), [
      { type: tag, message: "two", data: { amount: 1_500, lines: ["a", "b"] }, createdAt: at },
      { type: tag, message: "three", data: null, createdAt: new Date(at.getTime() + 1_000) },
      { type: tag, message: "four", data: { nested: { ok: true } }, createdAt: at },
    ]);
    expect([one.length, three.length]).toEqual([1, 3]);
    const rows = await db().select().from(paymentLogs).where(inArray(paymentLogs.id, [...one, ...three].map((r) => r.id)));
    const byMessage = Object.fromEntries(rows.map((r) => [r.message, r]));
    expect(byMessage.one).toMatchObject({ type: tag, data: null, createdAt: at });
    expect(byMessage.two.data).toEqual({ amount: 1_500, lines: ["a", "b"] });
    expect(byMessage.three).toMatchObject({ data: null, createdAt: new Date(at.getTime() + 1_000) });
    expect(byMessage.four.data).toEqual({ nested: { ok: true } });
    // A JSON null is not what was asked for: the column is NULL.
    const [{ nulls }] = await db().execute<{ nulls: number }>(sql`select count(*)::int as nulls from payment_logs where type = ${tag} and data is null`);
    expect(nulls).toBe(2);
  });
});

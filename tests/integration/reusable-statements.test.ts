// db/reusable.ts: a statement built once runs on whichever database or transaction it is given, with that
// run's values: inside a transaction it sees the transaction's own writes and nothing of it survives a
// rollback, and transactions running it at once each get their own rows.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reusable } from "@/db/reusable";
import { courseSessions, venues } from "@/db/schema";
import { createSessionFixture, db } from "../fixtures";

const capacityOf = reusable("test-capacity", (on) => on
  .select({ capacity: courseSessions.capacity, venue: venues.name })
  .from(courseSessions).innerJoin(venues, eq(venues.id, courseSessions.venueId))
  .where(eq(courseSessions.id, sql.placeholder("id"))));

const setCapacity = reusable("test-set-capacity", (on) => on
  .update(courseSessions).set({ capacity: sql`${sql.placeholder("capacity")}::int` })
  .where(eq(courseSessions.id, sql.placeholder("id")))
  .returning({ capacity: courseSessions.capacity }));

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
});

// A savepoint inside a transaction: work that may be abandoned without abandoning the transaction.
import { is, TransactionRollbackError } from "drizzle-orm";
import type { Tx } from "@/db";

/** Runs `fn` in a savepoint; when it answers null, everything it wrote is rolled back and null returned. */
export async function inSavepoint<T>(tx: Tx, fn: (sp: Tx) => Promise<T | null>): Promise<T | null> {
  try {
    return await tx.transaction(async (sp) => {
      const result = await fn(sp);
      if (result === null) sp.rollback();
      return result;
    });
  } catch (err) {
    // `is` rather than instanceof: a production build may hold two copies of drizzle-orm (server and action
    // chunks), and the error thrown by one is not an instance of the other's class.
    if (is(err, TransactionRollbackError)) return null;
    throw err;
  }
}

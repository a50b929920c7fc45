// A savepoint inside a transaction: work that may be abandoned without abandoning the transaction.
import { TransactionRollbackError } from "drizzle-orm";
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
    if (err instanceof TransactionRollbackError) return null;
    throw err;
  }
}

// Statements of one transaction that do not depend on each other, sent together: postgres.js writes the
// statements issued in one tick to the connection at once, and PostgreSQL answers them in turn, so N of them
// cost one round trip instead of N. They may reach the server in any order: group only reads, or writes that
// name rows already written, and never two statements that lock rows (the lock order is then not known).
/**
 * Waits for every one of `work` (already started) and returns their results in the order given; when some
 * fail, throws the first failure in that order, as if they had run one after another.
 */
export async function inOrder<T extends readonly unknown[]>(work: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(work);
  for (const s of settled) if (s.status === "rejected") throw s.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

// Reads of one transaction that do not depend on each other, sent together: postgres.js writes statements
// issued in the same tick to the connection at once and PostgreSQL answers them in order, so N reads cost one
// round trip instead of N. Each is started before the next, so row locks are still taken in the order given.
/**
 * Waits for every one of `work` (already started, in the order given) and returns their results; when some
 * fail, throws the first failure in that order, as if they had run one after another.
 */
export async function inOrder<T extends readonly unknown[]>(work: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(work);
  for (const s of settled) if (s.status === "rejected") throw s.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

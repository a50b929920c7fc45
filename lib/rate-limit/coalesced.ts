// A rate limit for traffic too heavy to count with one database write per request: the public API's per-IP
// and per-key limits. Counts are still kept in PostgreSQL (the same rows and windows as every other limit,
// so all instances share them), but each instance writes them at most once per `syncMs` per key:
//
// - A key this instance has not counted within `syncMs` (or whose window ended) is counted at once, and the
//   request waits for the shared total: a single request, or the first of a crowd, is judged exactly.
// - Requests that follow within `syncMs` are judged on that total plus what this instance has let through
//   since, and their counts are added to the row in one write when the period ends.
//
// Each instance therefore knows the others' requests at most `syncMs` late: with N instances, a client can
// get at most what N instances let through in one such period beyond its limit. `syncMs` = 0 counts every
// request in the database before answering it.
import type { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { LimitVerdict } from "./limits";

type KeyState = {
  /** The shared count as last read (this instance's flushed requests included). */
  total: number;
  /** Let through since, not yet written. */
  pending: number;
  /** When the total was read, and when its window ends (ms, `now()`'s clock). */
  syncedAt: number;
  resetsAt: number;
  /** A write on its way; requests that arrive meanwhile wait for it when they must be judged exactly. */
  writing: Promise<void> | null;
  timer: ReturnType<typeof setTimeout> | null;
};

export type CoalescedLimiter = {
  consume(key: string): Promise<LimitVerdict>;
  /** Writes every pending count now (shutdown, tests). */
  flush(): Promise<void>;
};

const asRes = (outcome: unknown): RateLimiterRes => {
  // rate-limiter-flexible rejects with the counter's state once points are used up, and with an Error when the
  // store fails: only the first is an answer.
  if (outcome instanceof Error) throw outcome;
  return outcome as RateLimiterRes;
};

export function coalescedLimiter(store: RateLimiterDrizzle, options: { name: string; syncMs: () => number; now?: () => number; maxKeys?: number }): CoalescedLimiter {
  const states = new Map<string, KeyState>();
  const now = options.now ?? (() => performance.now());
  const maxKeys = options.maxKeys ?? 10_000;
  const limit = store.points;

  /** The verdict for a count of `used` in a window ending at `resetsAt`. */
  const verdict = (used: number, resetsAt: number, allowed: boolean): LimitVerdict => ({
    name: options.name, allowed, limit, remaining: Math.max(0, limit - used), resetSeconds: Math.max(1, Math.ceil((resetsAt - now()) / 1000)),
  });

  /** Adds `points` to the shared row and reads the total back (the state keeps it; the caller gets its own). */
  async function write(key: string, state: KeyState, points: number): Promise<{ total: number; resetsAt: number }> {
    const res = asRes(await store.consume(key, points).catch((outcome: unknown) => outcome));
    const t = now();
    const seen = { total: res.consumedPoints, resetsAt: t + res.msBeforeNext };
    Object.assign(state, seen, { syncedAt: t });
    return seen;
  }

  /** Writes `points` taken from the pending count; on failure they are pending again. */
  function start(key: string, state: KeyState, points: number): Promise<{ total: number; resetsAt: number }> {
    const writing = write(key, state, points).catch((err: unknown) => {
      state.pending += points;
      throw err;
    });
    state.writing = writing.then(() => {}, () => {}).finally(() => { state.writing = null; });
    return writing;
  }

  function writePending(key: string, state: KeyState): Promise<void> {
    state.timer = null;
    if (state.writing) return state.writing;
    const points = state.pending;
    if (points === 0) return Promise.resolve();
    state.pending = 0;
    // A failed write leaves its requests pending, written with the next ones; the store's failure reaches the
    // next request that is judged exactly.
    return start(key, state, points).then(() => {}, () => {});
  }

  function later(key: string, state: KeyState) {
    if (state.timer) return;
    state.timer = setTimeout(() => void writePending(key, state), Math.max(0, state.syncedAt + options.syncMs() - now()));
    state.timer.unref?.();
  }

  return {
    async consume(key) {
      let state = states.get(key);
      if (!state) {
        if (states.size >= maxKeys) for (const [k, s] of states) if (!s.pending && !s.writing) states.delete(k);
        state = { total: 0, pending: 0, syncedAt: -Infinity, resetsAt: -Infinity, writing: null, timer: null };
        states.set(key, state);
      }
      if (state.writing) await state.writing;
      const t = now();
      if (t - state.syncedAt >= options.syncMs() || t >= state.resetsAt) {
        // Judged exactly: this request and any pending ones are written, and the total read back.
        const points = state.pending + 1;
        state.pending = 0;
        let seen: { total: number; resetsAt: number };
        try {
          seen = await start(key, state, points);
        } catch (err) {
          state.pending -= 1; // this request's own point: it is answered with the error, not counted
          throw err;
        }
        return verdict(seen.total, seen.resetsAt, seen.total <= limit);
      }
      if (state.total + state.pending >= limit) return verdict(state.total + state.pending, state.resetsAt, false);
      state.pending += 1;
      later(key, state);
      return verdict(state.total + state.pending, state.resetsAt, true);
    },
    async flush() {
      await Promise.all([...states].map(([key, state]) => {
        if (state.timer) clearTimeout(state.timer);
        return writePending(key, state);
      }));
    },
  };
}

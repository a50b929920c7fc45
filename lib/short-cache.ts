// A small in-process cache for reads that may lag a few seconds behind the database: a value is served for
// `ttlMs` after it was loaded, one load per key runs at a time (concurrent callers share it), and a failed
// load is not kept. Each app instance has its own; the lag is bounded by `ttlMs` plus one load.

export type ShortCache<V> = {
  get(key: string, load: () => Promise<V>): Promise<V>;
  clear(): void;
};

type Entry<V> = { value: Promise<V>; loadedAt: number };

export function shortCache<V>(options: { ttlMs: () => number; maxEntries?: number; now?: () => number }): ShortCache<V> {
  const entries = new Map<string, Entry<V>>();
  const maxEntries = options.maxEntries ?? 500;
  const now = options.now ?? (() => performance.now());
  return {
    get(key, load) {
      const ttl = options.ttlMs();
      if (ttl <= 0) return load();
      const t = now();
      const hit = entries.get(key);
      // A load still running counts as fresh: its callers wait for the same answer.
      if (hit && t - hit.loadedAt < ttl) return hit.value;
      if (entries.size >= maxEntries) entries.clear();
      const value = load();
      const entry = { value, loadedAt: t };
      entries.set(key, entry);
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return value;
    },
    clear() {
      entries.clear();
    },
  };
}

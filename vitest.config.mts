// Unit tests beside the code, integration tests in tests/ against a fresh PostgreSQL database per run.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Vitest 5 targets Node 22+, but this project supports Node 20.19+: its reporter (failure summaries) and
// snapshot code call Map.groupBy, Object.groupBy and Promise.withResolvers, missing on Node 20. This file
// runs in vitest's main process, where those calls are made; the workers do not use them.
polyfillNode20();

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: { alias: { "@/": root } },
  test: {
    environment: "node",
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "scripts/**/*.test.ts", "tests/**/*.test.ts"],
    exclude: ["e2e/**", "node_modules/**", ".next/**"],
    globalSetup: ["tests/global-setup.ts"],
    setupFiles: ["tests/setup.ts"],
    // Integration files assert on whole-table counts (webhook_events, payments...): one file at a time.
    fileParallelism: false,
    // A cap for a hung test, not a speed target: heavy concurrency tests take minutes on a machine busy with other work.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});

function polyfillNode20() {
  const group = <T, K>(items: Iterable<T>, key: (item: T, index: number) => K) => {
    const groups = new Map<K, T[]>();
    let i = 0;
    for (const item of items) {
      const k = key(item, i++);
      const list = groups.get(k);
      if (list) list.push(item);
      else groups.set(k, [item]);
    }
    return groups;
  };
  const M = Map as unknown as { groupBy?: unknown };
  M.groupBy ??= group;
  const O = Object as unknown as { groupBy?: unknown };
  O.groupBy ??= <T,>(items: Iterable<T>, key: (item: T, index: number) => PropertyKey) =>
    Object.assign(Object.create(null), Object.fromEntries(group(items, key)));
  const P = Promise as unknown as { withResolvers?: unknown };
  P.withResolvers ??= <T,>() => {
    let resolve!: (value: T) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}

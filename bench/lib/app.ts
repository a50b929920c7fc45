// The system under test: a fresh database (created here, dropped at the end) and the production build
// started with `next start` in its own process group. Builds first when the build folder has no BUILD_ID.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { createDb, type Db } from "@/db";
import { ensureDatabase, migrateDatabase } from "@/lib/setup/migrate";
import { nextServerCommand } from "@/lib/setup/next-server";
import { seedDemoData } from "@/lib/setup/seed";
import { runDelaySeconds } from "./scheduling";

/** The project's root directory. */
export const root = fileURLToPath(new URL("../..", import.meta.url));

export type App = {
  origin: string;
  databaseUrl: string;
  db: Db;
  /** CPU seconds the server's processes have used so far (user and system, every thread); null off Linux. */
  cpuSeconds(): CpuSplit | null;
  /**
   * Waits (with a deadline) until the server uses under a fifth of a core: a server just started is still
   * compiling and drawing its render threads' warm-up documents, which a figure measured then would pay for.
   */
  idle(): Promise<void>;
  /** Waits (with a deadline) until no job is due, then until the server is idle. */
  quiet(): Promise<void>;
  stop(): Promise<void>;
};

export async function startApp(): Promise<App> {
  const server = process.env.BENCH_DATABASE_SERVER_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = process.env.BENCH_DATABASE_NAME ?? "turnout_bench";
  const port = process.env.BENCH_PORT ?? "3190";
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";

  if (!existsSync(path.join(root, distDir, "BUILD_ID"))) {
    console.log(`building into ${distDir} ...`);
    const built = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (built.status !== 0) throw new Error("next build failed");
  }

  const databaseUrl = await ensureDatabase(server, name, { fresh: true });
  await migrateDatabase(databaseUrl);
  const client = createDb(databaseUrl, { max: 60 });
  await seedDemoData(client.db);

  const origin = `http://127.0.0.1:${port}`;
  // BENCH_CPU_PROFILE_DIR: the server writes a V8 CPU profile of each thread there when it stops (open it in
  // Chrome's DevTools or speedscope) to see where a figure's time goes.
  const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
  const serverOut = process.env.BENCH_SERVER_OUT;
  const nextArgs = ["-p", port, "-H", "127.0.0.1"];
  // Started as npm start starts it (lib/setup/next-server.ts), with any flags given to try beside it.
  const next = nextServerCommand("start", nextArgs);
  const child: ChildProcess = spawn(next.command, [
    ...(process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? []),
    ...(profileDir ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(profileDir)] : []), ...next.args,
  ], {
    cwd: root,
    detached: true, // its own process group, so next-server goes down with it
    stdio: ["ignore", serverOut ? "pipe" : "ignore", "inherit"],
    // Load from one address: the limits stay on (their cost is measured) but high enough never to refuse.
    env: {
      API_RATE_LIMIT_PER_IP: "1000000", HOLD_LIMIT_PER_IP: "1000000", HOLD_LIMIT_PER_EMAIL: "1000000",
      ...process.env, DATABASE_URL: databaseUrl, APP_URL: origin, NEXTAUTH_URL: origin, NEXT_TELEMETRY_DISABLED: "1", SEED_DEMO_DATA: "false",
    },
  });
  if (serverOut && child.stdout) keepOutput(child.stdout, serverOut);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const up = await fetch(`${origin}/api/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error("the app did not start");
    await new Promise((r) => setTimeout(r, 250));
  }

  const app: App = {
    origin, databaseUrl, db: client.db,
    cpuSeconds: () => processGroupCpu(child.pid!),
    async quiet() {
      // Jobs left by an earlier figure (a paid webhook's emails and PDFs) are done first: each figure measures
      // its own work, not the rendering of the one before.
      const deadline = Date.now() + 600_000;
      while (Date.now() < deadline) {
        const [row] = await client.db.execute<{ n: number }>(sql`select count(*)::int as n from graphile_worker._private_jobs where run_at <= now() and attempts < max_attempts`);
        if (row.n === 0) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      await app.idle();
    },
    async idle() {
      const deadline = Date.now() + 120_000;
      let last = processGroupCpu(child.pid!)?.total;
      while (last !== undefined && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 1_000));
        const now = processGroupCpu(child.pid!)!.total;
        if (now - last < 0.2) return;
        last = now;
      }
    },
    async stop() {
      try { process.kill(-child.pid!, "SIGTERM"); } catch { /* already gone */ }
      await client.sql.end();
      const admin = createDb(server, { max: 1 });
      await admin.sql.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.sql.end();
    },
  };
  return app;
}

/**
 * BENCH_SERVER_OUT: the server's standard output (its log, and what BENCH_NODE_FLAGS such as --trace-gc or
 * --trace-opt print) written to that file, each line after the epoch milliseconds it arrived at, to be set
 * beside a figure's moments.
 */
function keepOutput(stdout: NodeJS.ReadableStream, file: string) {
  const out = createWriteStream(file);
  let partial = "";
  stdout.on("data", (chunk: Buffer) => {
    const at = Date.now();
    const lines = (partial + chunk.toString()).split("\n");
    partial = lines.pop()!;
    for (const line of lines) out.write(`${at} ${line}\n`);
  });
}

export type CpuSplit = {
  total: number; requestThread: number; v8Helpers: number;
  /** The threads the server names as it starts them (lib/thread-entry.mjs): PDF and email drawing, jobs, webhooks. */
  renderThreads: number; jobThread: number; webhookThread: number;
  /** Any other thread of the server (libuv's pool, the page load's own helpers). */
  otherThreads: number;
  /** The page renderer's process (lib/http/page-renderer.ts): every process of the group but the server's. */
  renderer: number;
  /** Time the request thread was ready to run but waited for a core (its schedstat run delay; null: not known). */
  requestThreadWait: number | null;
  /** PostgreSQL's processes, whoever started them (on this machine they share its cores with the app). */
  postgres: number;
  /** The whole machine: CPU time used by anything, and the time all its cores had (used or idle). */
  machineBusy: number; machineCapacity: number;
};

/** The names the server's own threads take (lib/thread-entry.mjs), and where their time is counted. */
const NAMED_THREADS: Record<string, "renderThreads" | "jobThread" | "webhookThread"> = {
  "turnout-render": "renderThreads", "turnout-jobs": "jobThread", "turnout-webhook": "webhookThread",
};

/**
 * The CPU time (seconds) of every process in the group `pgid` (`next start` and the next-server it forks),
 * from /proc, split by thread: the server's main thread (requests), V8's helper threads (named "node":
 * the optimising compiler and the garbage collector's helpers, for every thread's code), the render, job and
 * webhook threads (by the names they give themselves), the rest (libuv's pool), and the page renderer's process
 * as a whole.
 */
function processGroupCpu(pgid: number): CpuSplit | null {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return null;
  }
  const ticksPerSecond = 100; // USER_HZ, 100 on every Linux Node supports
  const machine = machineTime();
  if (!machine) return null;
  const split: CpuSplit = {
    total: 0, requestThread: 0, v8Helpers: 0, renderThreads: 0, jobThread: 0, webhookThread: 0, otherThreads: 0, renderer: 0,
    requestThreadWait: runDelaySeconds(`/proc/${pgid}/task/${pgid}/schedstat`), postgres: 0, ...machine,
  };
  for (const pid of entries) {
    const stat = readStat(`/proc/${pid}/stat`);
    if (stat?.name === "postgres") split.postgres += stat.ticks / ticksPerSecond;
    if (!stat || stat.pgrp !== pgid) continue;
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // exited meanwhile
    }
    for (const tid of tasks) {
      const t = readStat(`/proc/${pid}/task/${tid}/stat`);
      if (!t) continue;
      const seconds = t.ticks / ticksPerSecond;
      split.total += seconds;
      if (Number(pid) !== pgid) split.renderer += seconds;
      else if (tid === pid) split.requestThread += seconds;
      else if (t.name === "node") split.v8Helpers += seconds;
      else if (t.name in NAMED_THREADS) split[NAMED_THREADS[t.name]] += seconds;
      else split.otherThreads += seconds;
    }
  }
  return split;
}

/** Seconds of CPU time the machine's cores have had since boot, and how many of them were used (/proc/stat). */
function machineTime(): { machineBusy: number; machineCapacity: number } | null {
  let line: string;
  try {
    line = readFileSync("/proc/stat", "utf8").split("\n")[0];
  } catch {
    return null;
  }
  // "cpu user nice system idle iowait irq softirq steal ...", in USER_HZ ticks summed over the cores.
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const all = ticks.reduce((a, b) => a + b, 0);
  const idle = ticks[3] + ticks[4];
  return { machineBusy: (all - idle) / 100, machineCapacity: all / 100 };
}

function readStat(file: string): { name: string; pgrp: number; ticks: number } | null {
  let stat: string;
  try {
    stat = readFileSync(file, "utf8");
  } catch {
    return null; // exited meanwhile
  }
  // "pid (name) state ppid pgrp ...": the name may hold spaces; utime and stime are the 14th and 15th fields.
  const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { name, pgrp: Number(fields[2]), ticks: Number(fields[11]) + Number(fields[12]) };
}

// How Linux schedules the bench beside the server, read from /proc: how long a thread waited for a core, and
// whether the kernel shares the cores out by session first (autogroup).
import { readFileSync, writeFileSync } from "node:fs";

/**
 * Seconds a thread has waited on a run queue for a core: the second field of its schedstat file
 * (`/proc/<pid>/task/<tid>/schedstat`, or `/proc/thread-self/schedstat` for the calling thread); null where
 * there is none.
 */
export function runDelaySeconds(schedstatFile: string): number | null {
  try {
    const delay = Number(readFileSync(schedstatFile, "utf8").split(" ")[1]);
    return Number.isFinite(delay) ? delay / 1e9 : null;
  } catch {
    return null;
  }
}

/** Whether the kernel shares the cores out between sessions before threads (autogroup), for the table's heading. */
export function autogroupState(): "autogroup on" | "autogroup off" | "no autogroup" {
  try {
    return readFileSync("/proc/sys/kernel/sched_autogroup_enabled", "utf8").trim() === "1" ? "autogroup on" : "autogroup off";
  } catch {
    return "no autogroup";
  }
}

/**
 * Runs `measure` with the bench's session at a higher priority where the kernel uses autogroup (root may).
 * The visitors a load stands for run on machines of their own and never wait for the server's cores; here they
 * share them. The load's thread asks for a higher priority for itself (bench/lib/steady-thread-entry.mjs), but
 * with autogroup, on by default on many distributions, the cores are first shared out between sessions and a
 * thread's nice value only orders it within its own: the server, in a session of its own (bench/lib/app.ts),
 * would take the bench's cores on equal terms and delay the sending and timing of the requests. Only around
 * such a load: elsewhere the bench's own SQL loops are references that must not be favoured over the
 * server's. `raised` says whether it was done.
 */
export async function withSessionRaised<T>(measure: () => Promise<T>, nice = -10): Promise<{ result: T; raised: boolean }> {
  const file = "/proc/self/autogroup";
  let before: string | undefined;
  if (autogroupState() === "autogroup on") {
    try {
      before = /nice (-?\d+)/.exec(readFileSync(file, "utf8"))?.[1] ?? "0";
      writeFileSync(file, String(nice));
    } catch {
      before = undefined; // not permitted here: measured as it is
    }
  }
  try {
    return { result: await measure(), raised: before !== undefined };
  } finally {
    if (before !== undefined) writeFileSync(file, before);
  }
}

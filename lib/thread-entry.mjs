// What a worker thread loaded from the source tree does first (the PDF threads, the job thread). Plain
// JavaScript, loaded by Node as it is and never bundled: the thread lowers its own scheduling priority, then
// loads its TypeScript module with tsx, using the project's tsconfig (for the "@/" paths), found from this file.
import { execFileSync } from "node:child_process";
import { readlinkSync, writeFileSync } from "node:fs";
import { setPriority } from "node:os";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const TSCONFIG = fileURLToPath(new URL("../tsconfig.json", import.meta.url));

/**
 * Sets this thread's nice value and, with `idle`, its scheduling policy, then imports `specifier` (relative to
 * `parentURL`, the entry file's URL). On Linux both belong to the thread (pid 0 is the calling thread), so only
 * this thread is lowered, never the request thread; where the platform refuses, the thread runs at the default
 * priority.
 *
 * `idle` puts the thread under Linux's SCHED_IDLE policy: it runs whenever a core has nothing else to do, and any
 * other thread that wakes up takes the core from it at once, whichever process or session that thread belongs to
 * (a nice value only orders threads within one scheduling group: with autogroup, within this server's session).
 * Node has no call for it, so util-linux's `chrt` sets it, once, as the thread starts; where `chrt` is missing
 * (not Linux, a minimal image) the nice value alone applies.
 *
 * `name` becomes the thread's name where Linux shows it (`top -H`, `ps -L`, /proc/<pid>/task/<tid>/comm; at most 15
 * characters), so that an operator, and `npm run bench`, can tell the threads apart: without it every thread
 * carries the process's title.
 *
 * @param {{ nice?: number, idle?: boolean } | undefined} priority
 * @param {string} name
 */
export async function enterThread(priority, name, specifier, parentURL) {
  nameThisThread(name);
  try {
    setPriority(priority?.nice ?? 0);
  } catch {
    // not permitted here: keep the default priority
  }
  if (priority?.idle) idleThisThread();
  return tsImport(specifier, { parentURL, tsconfig: TSCONFIG });
}

function nameThisThread(name) {
  if (process.platform !== "linux") return;
  try {
    writeFileSync("/proc/thread-self/comm", name.slice(0, 15));
  } catch {
    // no /proc here: the thread keeps the process's name
  }
}

function idleThisThread() {
  if (process.platform !== "linux") return;
  try {
    const tid = readlinkSync("/proc/thread-self").split("/").pop();
    execFileSync("chrt", ["--idle", "--pid", "0", tid], { stdio: "ignore", timeout: 10_000 });
  } catch {
    // no chrt here, or not permitted: the nice value alone
  }
}

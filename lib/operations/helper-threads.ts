// V8's helper threads (its optimising compiler and the garbage collector's helpers, for the code and heaps of
// every thread in the process) run at the request thread's priority by default. During a burst of payments
// they compile and collect mostly for the render threads, and on a small machine they took the cores from
// the request thread: pages waited behind work that can wait. Lowered to the render threads' priority, they
// still use every idle core, and the request thread gets a core first. V8 lets the thread that needs a
// collection finished do the remaining work itself, so a lowered helper never holds the request thread up.
import { readdirSync, readFileSync } from "node:fs";
import { setPriority } from "node:os";

/**
 * Gives this process's helper threads the nice value `nice`: Linux only (elsewhere, or where not permitted,
 * nothing changes). Node starts them before anything renames the process, so they are the threads named
 * "node", other than the main thread. Returns how many threads were changed.
 */
export function lowerHelperThreadPriority(nice: number): number {
  let tasks: string[];
  try {
    tasks = readdirSync("/proc/self/task");
  } catch {
    return 0; // not Linux
  }
  let changed = 0;
  for (const tid of tasks) {
    if (Number(tid) === process.pid) continue;
    try {
      if (readFileSync(`/proc/self/task/${tid}/comm`, "utf8").trim() !== "node") continue;
      setPriority(Number(tid), nice);
      changed++;
    } catch {
      // the thread ended, or lowering is not permitted: leave it
    }
  }
  return changed;
}

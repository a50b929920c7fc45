import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// In a process of its own: the threads changed are the whole process's.
const script = `
import { readdirSync, readFileSync } from "node:fs";
import { lowerHelperThreadPriority } from "./lib/operations/helper-threads.ts";
process.title = "helper-test"; // as next-server renames itself: threads started after this are not "node"
const changed = lowerHelperThreadPriority(7);
const threads = readdirSync("/proc/self/task").map((tid) => {
  const stat = readFileSync("/proc/self/task/" + tid + "/stat", "utf8");
  const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
  return { main: Number(tid) === process.pid, name, nice: Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]) };
});
console.log(JSON.stringify({ changed, threads }));
`;

describe("lowerHelperThreadPriority", () => {
  it.skipIf(process.platform !== "linux")("lowers V8's helper threads and leaves the main thread as it was", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: process.cwd(), encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const { changed, threads } = JSON.parse(run.stdout) as { changed: number; threads: { main: boolean; name: string; nice: number }[] };
    const helpers = threads.filter((t) => !t.main && t.name === "node");
    expect(changed).toBe(helpers.length);
    expect(helpers.length).toBeGreaterThanOrEqual(1);
    expect(helpers.every((t) => t.nice === 7)).toBe(true);
    // The main thread keeps the nice value it started with (this process's, which it inherited).
    const own = readFileSync("/proc/self/stat", "utf8");
    expect(threads.find((t) => t.main)!.nice).toBe(Number(own.slice(own.lastIndexOf(")") + 2).split(" ")[16]));
  });
});

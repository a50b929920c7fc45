// The command that starts the Next.js server: production servers get the garbage-collector flags, and this
// Node.js accepts them (an unknown V8 option would stop the server at its start).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { nextServerCommand, SERVER_NODE_FLAGS } from "./next-server";

describe("nextServerCommand", () => {
  it("runs next with this Node.js, the flags before the script for a production server, none for development", () => {
    const start = nextServerCommand("start", ["-p", "3000"]);
    expect(start.command).toBe(process.execPath);
    const script = start.args[SERVER_NODE_FLAGS.length];
    expect(start.args).toEqual([...SERVER_NODE_FLAGS, script, "start", "-p", "3000"]);
    expect(script).toMatch(/next[/\\]dist[/\\]bin[/\\]next$/);
    expect(existsSync(script)).toBe(true);
    expect(nextServerCommand("dev", ["-p", "3000"]).args).toEqual([script, "dev", "-p", "3000"]);
  });

  it("uses flags this Node.js accepts", () => {
    const run = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, "-e", "process.exit(0)"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});

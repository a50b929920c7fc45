// The page renderer's process (lib/http/page-renderer.ts), with a stand-in for `next start`
// (tests/page-renderer/stand-in.ts) behind the renderer's own setup: it is started at a lower priority and
// asked once it answers, answers the catalogue pages only, is started again when it stops, stops for good when
// told, and goes when the server that started it is killed outright.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { startPageRenderer, type PageRenderer } from "@/lib/http/page-renderer";
import { standInCommand } from "../page-renderer/command";

let renderer: PageRenderer | null = null;
afterEach(async () => {
  await renderer?.stop();
  renderer = null;
});

/** Whether a process runs (a zombie waiting to be reaped does not). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function ask(port: number, path: string) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: await res.text() };
}

const DEADLINE = { timeout: 60_000, interval: 50 };

describe("the page renderer", () => {
  it("runs in a process of its own at a lower priority, is asked once it answers, and answers the catalogue pages only", async () => {
    renderer = startPageRenderer({ command: standInCommand, env: { PAGE_RENDER_NICE: "7" } });
    await expect.poll(() => renderer!.address(), DEADLINE).not.toBeNull();
    const { port, host } = renderer.address()!;
    const pid = renderer.pid()!;
    expect(host).toBe("127.0.0.1");
    expect(pid).not.toBe(process.pid);
    expect(os.getPriority(pid)).toBe(7);
    expect(await ask(port, "/courses?category=Dance")).toEqual({ status: 200, body: `rendered /courses?category=Dance by ${pid} as page-renderer` });
    expect((await ask(port, "/")).status).toBe(200);
    expect((await ask(port, "/courses/first-aid-at-work")).status).toBe(200);
    expect((await ask(port, "/api/health")).status).toBe(200);
    for (const path of ["/admin", "/api/v1/courses", "/book/first-aid-at-work", "/courses/a/b"]) expect((await ask(port, path)).status).toBe(404);
    const post = await fetch(`http://127.0.0.1:${port}/courses`, { method: "POST", body: "x" });
    expect(post.status).toBe(404);
  });

  it("is started again when it stops, and stops for good when told", async () => {
    renderer = startPageRenderer({ command: standInCommand, restartAfterMs: 20 });
    await expect.poll(() => renderer!.address(), DEADLINE).not.toBeNull();
    const first = renderer.pid()!;
    process.kill(first, "SIGKILL");
    // Not asked while it is down; asked again once the new one answers.
    await expect.poll(() => renderer!.pid() !== first && renderer!.address() !== null, DEADLINE).toBe(true);
    const second = renderer.pid()!;
    expect((await ask(renderer.address()!.port, "/courses")).body).toBe(`rendered /courses by ${second} as page-renderer`);
    await renderer.stop();
    expect(renderer.address()).toBeNull();
    expect(running(second)).toBe(false);
    expect(renderer.pid()).toBeNull();
  });

  it("goes when the server that started it is killed outright", async () => {
    const parent = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("../page-renderer/parent.ts", import.meta.url))], { stdio: ["ignore", "pipe", "inherit"] });
    const started = await new Promise<{ pid: number; port: number }>((resolve, reject) => {
      let out = "";
      parent.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split("\n").find((l) => l.startsWith("{"));
        if (line) resolve(JSON.parse(line));
      });
      parent.once("exit", (code) => reject(new Error(`the parent exited (${code}) before its renderer answered`)));
    });
    expect(running(started.pid)).toBe(true);
    expect((await ask(started.port, "/courses")).status).toBe(200);
    parent.kill("SIGKILL");
    await expect.poll(() => running(started.pid), DEADLINE).toBe(false);
  });
});

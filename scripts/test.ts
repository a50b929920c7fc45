// `npm test`: unit and integration tests (vitest), the production build, then the end-to-end tests
// (Playwright in Debian's Chromium), every stage against one PostgreSQL server chosen by
// scripts/test-database.ts. A server started for the run is stopped at the end, also when a stage fails or
// the run is interrupted.
//
//   tsx scripts/test.ts                  every stage
//   tsx scripts/test.ts unit [args…]     vitest only (args go to `vitest run`)
//   tsx scripts/test.ts e2e [args…]      the build, then Playwright (args go to `playwright test`)
//   tsx scripts/test.ts -- cmd [args…]   any command, with TEST_DATABASE_SERVER_URL set for it
import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants as fsConstants } from "node:fs";
import { constants as osConstants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { provideTestDatabaseServer, type TestDatabaseServer } from "./test-database";

type Stage = { title: string; command: string; args: string[] };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function stagesFor(argv: string[]): { stages: Stage[]; needsBrowser: boolean } {
  const unit: Stage = { title: "unit and integration tests", command: bin("vitest"), args: ["run"] };
  const build: Stage = { title: "production build", command: bin("next"), args: ["build"] };
  const e2e: Stage = { title: "end-to-end tests", command: bin("playwright"), args: ["test"] };
  const [first, ...rest] = argv;
  if (first === undefined) return { stages: [unit, build, e2e], needsBrowser: true };
  if (first === "unit") return { stages: [{ ...unit, args: [...unit.args, ...rest] }], needsBrowser: false };
  if (first === "e2e") return { stages: [build, { ...e2e, args: [...e2e.args, ...rest] }], needsBrowser: true };
  if (first === "--" && rest.length > 0) {
    return { stages: [{ title: rest.join(" "), command: rest[0], args: rest.slice(1) }], needsBrowser: false };
  }
  throw new Error(`Unknown arguments: ${argv.join(" ")}. Use: (nothing) | unit [args…] | e2e [args…] | -- command [args…]`);
}

/** The end-to-end stage's browser; a missing one stops the run before anything is built. */
function missingBrowser(): string | undefined {
  const browser = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  try {
    accessSync(browser, fsConstants.X_OK);
    return undefined;
  } catch {
    return `The end-to-end tests need Chromium at ${browser}: install Debian's chromium package ` +
      `(apt-get install chromium), or set CHROMIUM_PATH to a Chromium binary.`;
  }
}

let child: ChildProcess | undefined;
let interrupted: NodeJS.Signals | undefined;
let server: TestDatabaseServer | undefined;

function runStage(stage: Stage): Promise<number> {
  return new Promise((resolve) => {
    child = spawn(stage.command, stage.args, { cwd: root, stdio: "inherit", env: process.env });
    child.once("error", (err) => {
      console.error(`Could not run ${stage.command}: ${err.message}`);
      resolve(127);
    });
    child.once("exit", (code, signal) => resolve(code ?? 128 + (signal ? osConstants.signals[signal] : 1)));
  });
}

async function main() {
  const { stages, needsBrowser } = stagesFor(process.argv.slice(2));
  const browserProblem = needsBrowser ? missingBrowser() : undefined;
  if (browserProblem) {
    console.error(browserProblem);
    return 1;
  }

  // Ctrl-C in a terminal reaches the stage too; a signal sent to this process alone is passed on. Either
  // way the stage ends first, then the server stops.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      interrupted ??= signal;
      child?.kill(signal);
    });
  }
  // Whatever ends this process (an exception, or process.exit elsewhere), no server or folder is left.
  process.on("exit", () => {
    child?.kill("SIGTERM");
    server?.stopNow();
  });

  server = await provideTestDatabaseServer({ url: process.env.TEST_DATABASE_SERVER_URL || undefined });
  console.log(server.description);
  process.env.TEST_DATABASE_SERVER_URL = server.url;
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  // Servers and test files start render and job threads often: a short warm-up leaves the machine to the tests.
  process.env.PDF_WARM_UP_ROUNDS ??= "4";
  process.env.JOBS_REHEARSAL_ROUNDS ??= "1";

  let code = 0;
  try {
    for (const stage of stages) {
      if (interrupted) break;
      console.log(`== ${stage.title}`);
      code = await runStage(stage);
      if (code !== 0) break;
    }
  } finally {
    await server.stop();
  }
  return interrupted ? 128 + osConstants.signals[interrupted] : code;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

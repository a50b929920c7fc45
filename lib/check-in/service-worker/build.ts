// Bundles the door page's service worker (./worker.ts) with serwist and injects the precache list: every
// file of the build's `static` folder (scripts, styles, fonts; hashed names, so no revision is needed) and the
// page's icon. Runs once in `next build` (the route that serves it is static) and on request in development,
// where nothing is precached because the files change all the time.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { PrecacheEntry } from "serwist";

/** The part of esbuild's API used here. */
type Esbuild = { build(options: Record<string, unknown>): Promise<{ outputFiles?: { text: string }[] }> };

/** Same browsers as Next.js's own client build. */
const TARGET = ["chrome111", "edge111", "firefox111", "safari16.4"];
/** Files larger than this are left out of the precache (none of ours comes near it). */
const MAX_PRECACHE_BYTES = 5 * 1024 * 1024;

/**
 * esbuild as installed in the project: the `esbuild` package where it is a dependency of its own, otherwise
 * the copy that tsx (which runs our scripts) depends on. Resolved at run time so neither bundler pulls it in.
 */
function loadEsbuild(root: string): Esbuild {
  const fromRoot = createRequire(path.join(root, "package.json"));
  try {
    return fromRoot("esbuild") as Esbuild;
  } catch {
    return createRequire(fromRoot.resolve("tsx/package.json"))("esbuild") as Esbuild;
  }
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** What the worker precaches: the build's static files under /_next/static, and the page's icon. */
export function precacheEntries(root: string, distDir: string): PrecacheEntry[] {
  const staticDir = path.join(root, distDir, "static");
  const entries: PrecacheEntry[] = filesUnder(staticDir)
    .filter((f) => /\.(js|css|woff2?|ttf|otf|svg|png|ico|webp)$/.test(f) && statSync(f).size <= MAX_PRECACHE_BYTES)
    .map((f) => ({ url: `/_next/static/${path.relative(staticDir, f).split(path.sep).join("/")}`, revision: null }))
    .sort((a, b) => a.url.localeCompare(b.url));
  const icon = path.join(root, "public", "check-in-icon.svg");
  if (existsSync(icon)) entries.push({ url: "/check-in-icon.svg", revision: createHash("sha256").update(readFileSync(icon)).digest("hex").slice(0, 16) });
  return entries;
}

export async function buildCheckInServiceWorker(o: { root: string; distDir: string; precache: boolean }): Promise<string> {
  const esbuild = loadEsbuild(o.root);
  const manifest = o.precache ? precacheEntries(o.root, o.distDir) : [];
  const result = await esbuild.build({
    entryPoints: [path.join(o.root, "lib", "check-in", "service-worker", "worker.ts")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: TARGET,
    minify: true,
    legalComments: "none",
    logLevel: "silent",
    define: {
      "self.__SW_MANIFEST": JSON.stringify(manifest),
      "process.env.NODE_ENV": JSON.stringify("production"),
    },
  });
  const [file] = result.outputFiles ?? [];
  if (!file) throw new Error("The check-in service worker produced no output");
  return file.text;
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildCheckInServiceWorker, precacheEntries } from "./build";

const root = process.cwd();
const fakeRoot = mkdtempSync(path.join(tmpdir(), "turnout-sw-"));
afterAll(() => rmSync(fakeRoot, { recursive: true, force: true }));

function file(relative: string, content = "x") {
  const full = path.join(fakeRoot, relative);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
}

describe("the door page's service worker", () => {
  it("precaches the build's static files under /_next/static and the icon, and nothing else", () => {
    file(".next-x/static/chunks/0abc.js");
    file(".next-x/static/chunks/0abc.js.map");
    file(".next-x/static/chunks/app.css");
    file(".next-x/static/media/inter.woff2");
    file(".next-x/static/BUILD/_buildManifest.js");
    file(".next-x/server/app/admin/check-in.html", "<p>server output</p>");
    file("public/check-in-icon.svg", "<svg/>");
    file("public/screenshots/big.png");
    const entries = precacheEntries(fakeRoot, ".next-x");
    expect(entries.map((e) => e.url)).toEqual([
      "/_next/static/BUILD/_buildManifest.js",
      "/_next/static/chunks/0abc.js",
      "/_next/static/chunks/app.css",
      "/_next/static/media/inter.woff2",
      "/check-in-icon.svg",
    ]);
    // Hashed names need no revision; the icon's revision follows its content.
    expect(entries.slice(0, 4).every((e) => e.revision === null)).toBe(true);
    expect(entries[4].revision).toMatch(/^[0-9a-f]{16}$/);
  });

  it("bundles serwist and the precache list into one classic script with no imports left", async () => {
    file(".next-y/static/chunks/0def.js");
    const script = await buildCheckInServiceWorker({ root, distDir: path.relative(root, path.join(fakeRoot, ".next-y")), precache: true });
    expect(script).toContain('"/_next/static/chunks/0def.js"');
    expect(script).toContain("turnout-check-in-pages");
    expect(script).toContain("/admin/check-in");
    expect(script).not.toMatch(/\bimport\s*[({"']|\brequire\(|process\.env/);

    const development = await buildCheckInServiceWorker({ root, distDir: ".next-none", precache: false });
    expect(development).not.toContain("/_next/static/");
  }, 60_000);
});

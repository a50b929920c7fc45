// Dependencies point one way: app -> components -> lib -> db. A client component gets a server action as a prop from
// its page, never by importing app/; lib and db know nothing of React components or routes. Files of one layer do not
// import each other in a circle. Reads the imports of every source file as text, so it runs without a build.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LAYERS = ["app", "components", "lib", "db"] as const;
type Layer = (typeof LAYERS)[number];

/** What each layer must never import. */
const FORBIDDEN: Record<Layer, Layer[]> = {
  app: [],
  components: ["app"],
  lib: ["components", "app"],
  db: ["components", "app"],
};

type Source = { file: string; text: string };

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"'\n]+)["']/g;

/** The module names a file imports or re-exports, type-only imports included. */
function specifiersOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  return [...code.matchAll(SPECIFIER)].map((m) => m[1]);
}

/** The repository path an import names (without extension), or null for a package. */
function targetOf(file: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  return null;
}

const layerOf = (file: string): Layer | null => (LAYERS as readonly string[]).includes(file.split("/")[0]) ? (file.split("/")[0] as Layer) : null;

function layerViolations(sources: Source[]): string[] {
  const found: string[] = [];
  for (const { file, text } of sources) {
    const from = layerOf(file);
    if (!from) continue;
    for (const spec of specifiersOf(text)) {
      const target = targetOf(file, spec);
      const to = target && layerOf(target);
      if (to && FORBIDDEN[from].includes(to)) found.push(`${file} imports "${spec}" (${from} must not depend on ${to})`);
    }
  }
  return found;
}

/** Import circles among the given files, each as its files in order. */
function importCycles(sources: Source[]): string[][] {
  const files = new Set(sources.map((s) => s.file));
  const resolve = (target: string) =>
    [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`, `${target}/index.tsx`].find((f) => files.has(f));
  const edges = new Map(sources.map(({ file, text }) => [file, [...new Set(specifiersOf(text)
    .map((spec) => targetOf(file, spec)).flatMap((t) => (t && resolve(t)) || []))]]));

  // Tarjan's strongly connected components: every component of two or more files (or a file importing itself) is a circle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || edges.get(v)!.includes(v)) cycles.push(component.sort());
    }
  };
  for (const file of [...files].sort()) if (!index.has(file)) visit(file);
  return cycles;
}

function sourcesUnder(dir: string): Source[] {
  const out: Source[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(root, rel))) {
      const child = `${rel}/${name}`;
      if (statSync(path.join(root, child)).isDirectory()) walk(child);
      else if (/\.(ts|tsx|mts)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push({ file: child, text: readFileSync(path.join(root, child), "utf8") });
    }
  };
  if (existsSync(path.join(root, dir))) walk(dir);
  return out;
}

describe("import layering", () => {
  const sources = LAYERS.flatMap(sourcesUnder);

  it("reads the project's sources", () => {
    for (const layer of LAYERS) expect(sources.filter((s) => layerOf(s.file) === layer).length, layer).toBeGreaterThan(10);
  });

  it("has no import against the direction app -> components -> lib -> db", () => {
    expect(layerViolations(sources)).toEqual([]);
  });

  it("has no import circles in app, components, lib or db", () => {
    expect(importCycles(sources)).toEqual([]);
  });

  it("finds a component importing a server action, lib importing a component, and a circle", () => {
    const fake: Source[] = [
      { file: "components/admin/form.tsx", text: `"use client";\nimport { save } from "@/app/admin/actions";\nimport { Button } from "@/components/ui/button";` },
      { file: "components/admin/types.ts", text: `import type { State } from "../../app/admin/actions";` },
      { file: "lib/pdf/render.tsx", text: `export { Doc } from "@/components/pdf/doc";\nconst x = await import("../../app/page");` },
      { file: "db/queries/a.ts", text: `// import { x } from "@/app/old";\nimport { b } from "./b";` },
      { file: "db/queries/b.ts", text: `import { a } from "@/db/queries/a";` },
      { file: "app/admin/page.tsx", text: `import { Form } from "@/components/admin/form";\nimport { z } from "zod";` },
    ];
    expect(layerViolations(fake)).toEqual([
      `components/admin/form.tsx imports "@/app/admin/actions" (components must not depend on app)`,
      `components/admin/types.ts imports "../../app/admin/actions" (components must not depend on app)`,
      `lib/pdf/render.tsx imports "@/components/pdf/doc" (lib must not depend on components)`,
      `lib/pdf/render.tsx imports "../../app/page" (lib must not depend on app)`,
    ]);
    expect(importCycles(fake)).toEqual([["db/queries/a.ts", "db/queries/b.ts"]]);
  });
});

import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { newNonce } from "./security-headers";
import { CACHE_HEADER, acceptsGzip, cacheablePageKey, createPageCache, gzipParts, gzipWithNonce, nonceOf } from "./page-cache";

let server: http.Server;
let origin: string;
let renders = 0;
let clock = 0;
let ttl = 1_000;
/** Holds renders back until released, to have one on its way while others arrive. */
let gate: Promise<void> | null = null;
let waiting = 0;
/** Requests the server has received (cached or not). */
let arrivals = 0;
/** Drops the cache's own requests for a page, as a server that cannot reach itself would. */
let refuseOwnRequests = false;
/** The headers of the request each render answered. */
let renderedFor: http.IncomingHttpHeaders[] = [];

const cache = createPageCache({ ttlMs: () => ttl, https: () => false, now: () => clock });

/** Stands in for Next.js: a page with its nonce on two scripts, written in chunks, after an await. */
async function render(req: http.IncomingMessage, res: http.ServerResponse) {
  if (gate) {
    waiting++;
    await gate;
  }
  const n = ++renders;
  renderedFor.push(req.headers);
  const nonce = newNonce();
  res.setHeader("content-security-policy", `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  res.setHeader("cache-control", "private, no-cache, no-store, max-age=0, must-revalidate");
  res.setHeader("vary", "rsc, next-router-state-tree, next-router-prefetch");
  res.setHeader("link", [`</a.css>; rel=preload; as="style"; nonce="${nonce}"`, "</b.woff2>; rel=preload; as=\"font\""]);
  if (req.url === "/courses/missing") res.statusCode = 404;
  if (req.url === "/courses?cookie=1") res.setHeader("set-cookie", "a=b");
  res.setHeader("content-type", req.url === "/courses?json=1" ? "application/json" : "text/html; charset=utf-8");
  res.write(`<html><head><script nonce="${nonce}" src="/a.js"></script></head>`);
  res.write(Buffer.from(`<body><p>render ${n} of ${req.url}</p>`));
  res.end(`<script nonce="${nonce}">self.__next_f.push([1])</script></body></html>`);
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    arrivals++;
    if (refuseOwnRequests && req.headers["x-turnout-page-render"]) {
      req.socket.destroy();
      return;
    }
    cache.handle(req, res, () => {
      render(req, res).catch((err) => res.destroy(err));
      return true;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  cache.clear();
  renders = 0;
  clock = 0;
  ttl = 1_000;
  gate = null;
  waiting = 0;
  arrivals = 0;
  renderedFor = [];
  refuseOwnRequests = false;
});

/** The answer as a client that does not take gzip reads it (the compressed answers have tests of their own). */
async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${origin}${path}`, { headers: { "accept-encoding": "identity", ...headers } });
  const body = await res.text();
  const nonce = nonceOf(res.headers.get("content-security-policy"));
  return { res, body, nonce, scriptNonces: [...body.matchAll(/<script nonce="([^"]+)"/g)].map((m) => m[1]) };
}

describe("the public page cache", () => {
  it("puts each answer's nonce into the headers that carried the render's (Next.js's Link preloads)", async () => {
    await get("/courses");
    const cached = await get("/courses");
    expect(cached.res.headers.get(CACHE_HEADER)).toBe("hit");
    expect(cached.res.headers.get("link")).toBe(`</a.css>; rel=preload; as="style"; nonce="${cached.nonce}", </b.woff2>; rel=preload; as="font"`);
  });

  it("renders a page once per period and gives every answer its own nonce, where the render put one", async () => {
    const first = await get("/courses");
    const second = await get("/courses");
    const third = await get("/courses");
    expect(renders).toBe(1);
    for (const page of [first, second, third]) {
      expect(page.res.status).toBe(200);
      expect(page.body).toContain("render 1 of /courses");
      expect(page.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(page.scriptNonces).toEqual([page.nonce, page.nonce]);
    }
    for (const page of [second, third]) expect(Number(page.res.headers.get("content-length"))).toBe(Buffer.byteLength(page.body));
    expect(new Set([first.nonce, second.nonce, third.nonce]).size).toBe(3);
    // The page's own headers come along; the security headers are those of every response.
    expect(second.res.headers.get("vary")).toBe("rsc, next-router-state-tree, next-router-prefetch, Accept-Encoding");
    expect(second.res.headers.get("cache-control")).toContain("no-store");
    expect(second.res.headers.get("x-frame-options")).toBe("DENY");
    expect(second.res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(second.res.headers.get("strict-transport-security")).toBeNull();
    expect([first, second, third].map((p) => p.res.headers.get("x-turnout-page-cache"))).toEqual([null, "hit", "hit"]);
  });

  it("renders again once the period is over, in the background, answering with the page it has meanwhile", async () => {
    await get("/");
    clock = 999;
    expect((await get("/")).body).toContain("render 1 of /");
    clock = 1_000;
    // Answered at once with the page it has; the next version is asked for behind it.
    const stale = await get("/", { cookie: "session=secret", "accept-language": "cy", "user-agent": "test agent" });
    expect(stale.body).toContain("render 1 of /");
    expect(stale.res.headers.get(CACHE_HEADER)).toBe("hit");
    await expect.poll(async () => (await get("/")).body).toContain("render 2 of /");
    expect((await get("/")).body).toContain("render 2 of /");
    expect(renders).toBe(2);
    // The background render asked as that visitor's browser did, without anything that identifies them.
    const behind = renderedFor[1];
    expect(behind["accept-language"]).toBe("cy");
    expect(behind["user-agent"]).toBe("test agent");
    expect(behind.cookie).toBeUndefined();
  });

  it("keeps each URL apart, query included", async () => {
    await get("/courses?category=First%20aid");
    await get("/courses/first-aid-at-work");
    expect((await get("/courses?category=Safety")).body).toContain("render 3 of /courses?category=Safety");
    expect((await get("/courses?category=First%20aid")).body).toContain("render 1 of /courses?category=First%20aid");
    expect((await get("/courses/first-aid-at-work")).body).toContain("render 2 of /courses/first-aid-at-work");
    expect(renders).toBe(3);
  });

  it("renders a page once however many ask for it at the same time", async () => {
    let release!: () => void;
    gate = new Promise<void>((r) => { release = r; });
    const first = get("/courses");
    await expect.poll(() => waiting).toBe(1);
    const others = [get("/courses"), get("/courses")];
    await expect.poll(() => arrivals).toBe(3);
    release();
    for (const page of [await first, ...(await Promise.all(others))]) expect(page.body).toContain("render 1 of /courses");
    expect(renders).toBe(1);
  });

  it("serves the page while its next version renders, and past the stale limit waits for that render", async () => {
    await get("/courses");
    clock = 1_500;
    let release!: () => void;
    gate = new Promise<void>((r) => { release = r; });
    expect((await get("/courses")).body).toContain("render 1 of /courses");
    await expect.poll(() => waiting).toBe(1); // the render asked for behind that answer
    expect((await get("/courses")).body).toContain("render 1 of /courses");
    // A slow render (a saturated server): the old page is still served, up to 5 s past its period.
    clock = 5_999;
    expect((await get("/courses")).body).toContain("render 1 of /courses");
    clock = 6_000;
    const late = get("/courses"); // too old to serve: it waits for the render on its way
    await expect.poll(() => arrivals).toBe(6);
    release();
    expect((await late).body).toContain("render 2 of /courses");
    expect(renders).toBe(2);
    // That render began at 1.5 s: by now it is a period old itself, so the next request starts another.
    expect((await get("/courses")).body).toContain("render 2 of /courses");
    await expect.poll(async () => (await get("/courses")).body).toContain("render 3 of /courses");
    expect(renders).toBe(3);
  });

  it("renders in the foreground when it cannot ask its own server", async () => {
    await get("/courses");
    refuseOwnRequests = true;
    clock = 1_000;
    expect((await get("/courses")).body).toContain("render 1 of /courses");
    // The request behind it failed: from now on the visitor who finds the page old renders it.
    await expect.poll(async () => (await get("/courses")).body).toContain("render 2 of /courses");
    expect(renders).toBe(2);
    // A minute after the failure it asks again.
    refuseOwnRequests = false;
    clock = 58_000; // render 2 is too old to serve by now: this visitor waits for render 3
    expect((await get("/courses")).body).toContain("render 3 of /courses");
    clock = 61_000;
    expect((await get("/courses")).body).toContain("render 3 of /courses");
    await expect.poll(async () => (await get("/courses")).body).toContain("render 4 of /courses");
  });

  it("leaves Next.js's own navigations, actions, other pages and other methods alone", async () => {
    for (const [path, headers] of [
      ["/courses", { rsc: "1" }], ["/courses?_rsc=abc", {}], ["/courses", { "next-router-prefetch": "1" }],
      ["/book/first-aid-at-work", {}], ["/courses/a/b", {}], ["/admin", {}], ["/api/v1/courses", {}],
    ] as [string, Record<string, string>][]) {
      const before = renders;
      await get(path, headers);
      await get(path, headers);
      expect(renders, `${path} ${JSON.stringify(headers)}`).toBe(before + 2);
    }
    const post = () => fetch(`${origin}/courses`, { method: "POST", body: "x" }).then((r) => r.text());
    const before = renders;
    await post();
    await post();
    expect(renders).toBe(before + 2);
  });

  it("keeps only 200 HTML answers that set no cookie", async () => {
    for (const path of ["/courses/missing", "/courses?cookie=1", "/courses?json=1"]) {
      const before = renders;
      await get(path);
      const again = await get(path);
      expect(renders, path).toBe(before + 2);
      if (path === "/courses/missing") expect(again.res.status).toBe(404);
    }
  });

  it("reads live every time with a period of 0", async () => {
    ttl = 0;
    await get("/courses");
    await get("/courses");
    expect(renders).toBe(2);
  });
});

/** The answer's bytes as sent (fetch would decompress them), with its headers. */
function getRaw(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ headers: http.IncomingHttpHeaders; bytes: Buffer }>((resolve, reject) => {
    http.get(`${origin}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.once("end", () => resolve({ headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.once("error", reject);
    }).once("error", reject);
  });
}

describe("the page cache with a page renderer", () => {
  let front: http.Server;
  let renderer: http.Server;
  let frontOrigin = "";
  let rendererAddress = { host: "127.0.0.1", port: 0 };
  /** Whether the cache is told a renderer is up, and whether that renderer then answers at all. */
  let rendererUp = true;
  let rendererAnswers = true;
  /** Pages rendered by the server answering visitors (its Next.js), and requests that reached the renderer. */
  let ownRenders = 0;
  let rendererArrivals = 0;
  const withRenderer = createPageCache({ ttlMs: () => ttl, https: () => false, now: () => clock, renderer: () => (rendererUp ? rendererAddress : null) });

  beforeAll(async () => {
    // The renderer runs no page cache: it renders every page it is asked for.
    renderer = http.createServer((req, res) => {
      rendererArrivals++;
      if (!rendererAnswers) return req.socket.destroy();
      render(req, res).catch((err) => res.destroy(err));
    });
    front = http.createServer((req, res) => {
      withRenderer.handle(req, res, () => {
        ownRenders++;
        render(req, res).catch((err) => res.destroy(err));
        return true;
      });
    });
    await Promise.all([renderer, front].map((s) => new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve))));
    rendererAddress = { host: "127.0.0.1", port: (renderer.address() as AddressInfo).port };
    frontOrigin = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  });

  afterAll(() => Promise.all([renderer, front].map((s) => new Promise<void>((resolve) => s.close(() => resolve())))));

  beforeEach(() => {
    withRenderer.clear();
    rendererUp = true;
    rendererAnswers = true;
    ownRenders = 0;
    rendererArrivals = 0;
  });

  const visit = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${frontOrigin}${path}`, { headers: { "accept-encoding": "identity", ...headers } });
    const body = await res.text();
    const nonce = nonceOf(res.headers.get("content-security-policy"));
    return { res, body, nonce, scriptNonces: [...body.matchAll(/<script nonce="([^"]+)"/g)].map((m) => m[1]) };
  };

  it("has every page rendered by the renderer, none by the server answering visitors", async () => {
    const first = await visit("/courses");
    expect(first.body).toContain("render 1 of /courses");
    const again = await visit("/courses");
    expect(again.body).toContain("render 1 of /courses");
    for (const page of [first, again]) {
      expect(page.res.headers.get(CACHE_HEADER)).toBe("hit");
      expect(page.scriptNonces).toEqual([page.nonce, page.nonce]);
    }
    expect(first.nonce).not.toBe(again.nonce);
    expect(again.res.headers.get("vary")).toBe("rsc, next-router-state-tree, next-router-prefetch, Accept-Encoding");
    expect(again.res.headers.get("link")).toContain(`nonce="${again.nonce}"`);
    // Past its period: the visitor gets the page there is, the renderer draws the next behind it.
    clock = 1_000;
    const stale = await visit("/courses", { cookie: "session=secret", "accept-language": "cy" });
    expect(stale.body).toContain("render 1 of /courses");
    await expect.poll(async () => (await visit("/courses")).body).toContain("render 2 of /courses");
    expect(ownRenders).toBe(0);
    expect(rendererArrivals).toBe(2);
    expect(renderedFor[1]["accept-language"]).toBe("cy");
    expect(renderedFor[1].cookie).toBeUndefined();
  });

  it("renders a page once for everyone waiting for it", async () => {
    let release!: () => void;
    gate = new Promise<void>((resolve) => { release = resolve; });
    const answers = Promise.all(Array.from({ length: 5 }, () => visit("/courses?category=Dance")));
    await expect.poll(() => waiting).toBe(1);
    release();
    for (const page of await answers) expect(page.body).toContain("render 1 of /courses?category=Dance");
    expect(rendererArrivals).toBe(1);
    expect(ownRenders).toBe(0);
  });

  it("renders on the server answering visitors while the renderer does not answer", async () => {
    rendererAnswers = false;
    const first = await visit("/courses");
    expect(first.body).toContain("render 1 of /courses");
    expect(rendererArrivals).toBe(1);
    expect(ownRenders).toBe(1);
    // Started again: the next render is the renderer's.
    rendererAnswers = true;
    clock = 1_000;
    await visit("/courses");
    await expect.poll(async () => (await visit("/courses")).body).toContain("render 2 of /courses");
    expect(ownRenders).toBe(1);
    // No renderer at all (PAGE_RENDERER=self, or before it has started): the server renders its pages itself.
    rendererUp = false;
    clock = 2_000;
    await visit("/courses");
    await expect.poll(async () => (await visit("/courses")).body).toContain("render 3 of /courses");
    expect(ownRenders).toBe(2);
  });

  it("leaves a page that cannot be kept to Next.js, as it would its own render", async () => {
    const missing = await visit("/courses/missing");
    expect(missing.res.status).toBe(404);
    expect(missing.res.headers.get(CACHE_HEADER)).toBeNull();
    expect(rendererArrivals).toBe(1);
  });
});

describe("compressed answers from the page cache", () => {
  /** Asks until the kept page has been compressed (it is compressed off the request thread), with a deadline. */
  async function compressedAnswer(path: string) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const raw = await getRaw(path, { "accept-encoding": "gzip, deflate, br" });
      if (raw.headers["content-encoding"] === "gzip" || Date.now() > deadline) return raw;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it("sends the kept page gzipped to a browser that accepts it, with that answer's own nonce", async () => {
    const plain = await get("/courses");
    const first = await compressedAnswer("/courses");
    const second = await compressedAnswer("/courses");
    expect(renders).toBe(1);
    for (const raw of [first, second]) {
      expect(raw.headers["content-encoding"]).toBe("gzip");
      expect(raw.headers["content-length"]).toBe(String(raw.bytes.length));
      expect(raw.headers.vary).toContain("Accept-Encoding");
      const nonce = nonceOf(raw.headers["content-security-policy"])!;
      const html = gunzipSync(raw.bytes).toString("utf8");
      // The page as rendered, with this answer's nonce where the render's stood.
      expect(html).toBe(plain.body.split(plain.nonce!).join(nonce));
    }
    expect(nonceOf(first.headers["content-security-policy"])).not.toBe(nonceOf(second.headers["content-security-policy"]));
  });

  it("sends it plain to a client that does not ask for gzip, or refuses it", async () => {
    await get("/courses");
    await compressedAnswer("/courses");
    for (const headers of [{}, { "accept-encoding": "identity" }, { "accept-encoding": "gzip;q=0, br" }, { "accept-encoding": "*;q=0" }] as Record<string, string>[]) {
      const raw = await getRaw("/courses", headers);
      expect(raw.headers["content-encoding"]).toBeUndefined();
      expect(raw.headers.vary).toContain("Accept-Encoding");
      const nonce = nonceOf(raw.headers["content-security-policy"])!;
      expect(raw.bytes.toString("utf8")).toContain(`<script nonce="${nonce}" src="/a.js">`);
    }
    expect(renders).toBe(1);
  });

  it("joins any parts and nonce into a valid gzip file of the whole page", async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.string({ unit: "binary", maxLength: 3000 }), { minLength: 1, maxLength: 8 }),
      fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }),
      async (parts, nonce) => {
        const bytes = gzipWithNonce(await gzipParts(parts.map((p) => Buffer.from(p, "utf8"))), nonce);
        expect(gunzipSync(bytes).toString("utf8")).toBe(parts.join(nonce));
      },
    ), { numRuns: 60 });
  });

  it("reads Accept-Encoding as browsers and proxies write it", () => {
    const req = (value?: string) => ({ headers: value === undefined ? {} : { "accept-encoding": value } }) as unknown as http.IncomingMessage;
    expect(acceptsGzip(req("gzip, deflate, br, zstd"))).toBe(true);
    expect(acceptsGzip(req("br;q=1.0, GZIP;q=0.5"))).toBe(true);
    expect(acceptsGzip(req("*"))).toBe(true);
    expect(acceptsGzip(req("gzip;q=0, *"))).toBe(false);
    expect(acceptsGzip(req("br"))).toBe(false);
    expect(acceptsGzip(req("identity"))).toBe(false);
    expect(acceptsGzip(req())).toBe(false);
  });
});

describe("cacheablePageKey", () => {
  const req = (url: string, method = "GET", headers: Record<string, string> = {}) =>
    ({ url, method, headers }) as unknown as http.IncomingMessage;

  it("names the catalogue pages only", () => {
    expect(cacheablePageKey(req("/"))).toBe("/");
    expect(cacheablePageKey(req("/courses?from=2031-01-01"))).toBe("/courses?from=2031-01-01");
    expect(cacheablePageKey(req("/courses/first-aid-at-work"))).toBe("/courses/first-aid-at-work");
    expect(cacheablePageKey(req("/courses/First-Aid"))).toBeNull();
    expect(cacheablePageKey(req("/my-bookings"))).toBeNull();
    expect(cacheablePageKey(req("/courses", "HEAD"))).toBeNull();
    expect(cacheablePageKey(req("/", "GET", { "next-action": "abc" }))).toBeNull();
  });
});

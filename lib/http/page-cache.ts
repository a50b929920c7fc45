// The public catalogue pages (/, /courses, /courses/<slug>) as whole HTML, kept for a few seconds so that a
// crowd on the same pages costs one render per page and period rather than one per visitor.
//
// Next.js cannot cache these pages itself: the Content-Security-Policy gives every response a fresh nonce,
// and a page rendered ahead of time would carry scripts without it. So the Node server process keeps the
// HTML a render produced, with that render's nonce cut out, and answers later requests for the same URL
// with a new nonce put back where the old one was (and in the CSP header): every response still has its
// own unpredictable nonce, exactly where Next.js put one. The nonce is 128 random bits that only that
// render knew, so every place it appears in the HTML was written by the render.
//
// A page is kept for half of CATALOGUE_CACHE_SECONDS; then the first request for it is answered with the page
// it has and starts the next render in the background: the cache asks the page renderer (a second Next.js
// server on the loopback, in a process of its own: lib/http/page-renderer.ts) for the page and keeps its
// answer, so that no render runs on the thread answering visitors. A page not in the cache at all is asked of
// the renderer too, its first visitors waiting for it. Without a renderer (not started yet, restarting, or
// PAGE_RENDERER=self) the cache asks its own server over the loopback, with a header carrying a secret only
// this cache knows, and keeps the answer; a page not in the cache is then rendered for the visitor who asks.
// No visitor waits for a render while a page is in the cache. Visitors are served the page being replaced for
// at most STALE_WHILE_RENDERING_MS past its period (later requests wait for that render rather than start
// their own); a render takes tens of milliseconds, so that limit matters only on a saturated server. Where the
// background render cannot be asked for (no renderer, and the server cannot reach itself), the request that
// finds the page old renders it in the foreground, as when a page is not in the cache at all. Pages are
// rendered from listings at most CATALOGUE_CACHE_SECONDS old (lib/catalog/public-listings.ts). So places left
// on a page lag behind a booking by at most CATALOGUE_CACHE_SECONDS and a half plus the time a render takes,
// and never by more than CATALOGUE_CACHE_SECONDS plus 5 seconds; booking itself always checks the database.
//
// A browser that accepts gzip is sent the page gzipped, compressed once per render rather than once per answer
// (gzipParts, gzipWithNonce): a crowd on a phone network downloads a fifth of the bytes for the same CPU.
import { randomBytes } from "node:crypto";
import { request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { promisify } from "node:util";
import { constants as zlibConstants, crc32, deflateRaw } from "node:zlib";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";
import { newNonce, securityHeaders, servedOverHttps } from "./security-headers";
import { hookRequests } from "./server-hook";

/** Pages that show the same HTML to every visitor: no session, cookie or form state is read by them. */
const CACHEABLE_PATH = /^\/(?:courses(?:\/[a-z0-9][a-z0-9-]{0,199})?)?$/;

/** Headers of Next.js's own client navigations and actions: those answers are not the page's HTML. */
const ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url"];

/** Response headers that belong to one response, not to the page: set again (or left out) on each answer. */
const PER_RESPONSE = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "etag", "x-request-id", "set-cookie"]);

export const CACHE_HEADER = "x-turnout-page-cache";

/** The header of the cache's own request for a page's next render: its value is the cache's secret. */
const RENDER_HEADER = "x-turnout-page-render";

/** A visitor's headers the background render carries: those a page's HTML may depend on (none identify anyone). */
const RENDER_CARRIES = ["host", "accept", "accept-language", "user-agent", "x-forwarded-proto", "x-forwarded-host"];

const RENDER_TIMEOUT_MS = 30_000;

/** How long pages are rendered in the foreground after a background render could not be asked for. */
const BACKGROUND_RETRY_MS = 60_000;

const MAX_BODY_BYTES = 2 * 1024 * 1024;

type Entry = {
  /**
   * The HTML's bytes split where the render's nonce stood (joined with a nonce they are the page with that nonce),
   * so that an answer only copies bytes rather than encoding the page again; null: the
   * answer was not a page that can be served again (a 404, an error), so Next.js answers each request.
   */
  parts: Buffer[] | null;
  /**
   * The same parts, each compressed on its own (gzipParts): an answer to a browser that accepts gzip is these
   * with the nonce between them, so the page is compressed once per render, not once per visitor. Null until
   * compressed (meanwhile answers are sent uncompressed).
   */
  gzip: GzipParts | null;
  /** The page's own headers, each value split where the render's nonce stood, as `parts` (Next.js's Link preloads carry it). */
  headers: [name: string, values: string[][]][];
  renderedAt: number;
};

/** Where a page renderer listens (lib/http/page-renderer.ts). */
export type RendererAddress = { host: string; port: number };

export type PageCacheOptions = {
  ttlMs: () => number;
  /**
   * The page renderer that background renders are asked of, when one is up (null: this server renders them
   * itself). Its answers are kept as this server's own would be.
   */
  renderer?: () => RendererAddress | null;
  /** Served over HTTPS (for the Strict-Transport-Security header the answer carries). */
  https: (req: IncomingMessage) => boolean;
  now?: () => number;
  maxEntries?: number;
  /** How long past its period a page is still served while its next render is on its way. */
  staleWhileRenderingMs?: number;
};

const STALE_WHILE_RENDERING_MS = 5_000;

/** The cache key of a request for a cacheable page, or null when Next.js must answer it. */
export function cacheablePageKey(req: IncomingMessage): string | null {
  if (req.method !== "GET" || !req.url) return null;
  const q = req.url.indexOf("?");
  const path = q < 0 ? req.url : req.url.slice(0, q);
  if (!CACHEABLE_PATH.test(path)) return null;
  if (q >= 0 && /(?:^|&)_rsc=/.test(req.url.slice(q + 1))) return null;
  if (ROUTER_HEADERS.some((h) => req.headers[h] !== undefined)) return null;
  return req.url;
}

/** The nonce in a Content-Security-Policy header's script-src, if any. */
export function nonceOf(csp: unknown): string | null {
  return typeof csp === "string" ? /'nonce-([A-Za-z0-9+/=_-]{16,})'/.exec(csp)?.[1] ?? null : null;
}

export function createPageCache(options: PageCacheOptions) {
  const entries = new Map<string, Entry>();
  /** Renders on their way, one per page at most: what they will have kept (null: nothing). */
  const rendering = new Map<string, Promise<Entry | null>>();
  const maxEntries = options.maxEntries ?? 200;
  const now = options.now ?? (() => performance.now());
  const staleWhileRendering = options.staleWhileRenderingMs ?? STALE_WHILE_RENDERING_MS;
  const secret = randomBytes(16).toString("base64url");
  /** When background renders may be asked for again, after one failed (the server could not reach itself). */
  let backgroundOffUntil = -Infinity;

  function answer(entry: Entry, req: IncomingMessage, res: ServerResponse, next: () => boolean): boolean {
    if (!entry.parts) return next();
    const nonce = newNonce();
    const gzip = entry.gzip && acceptsGzip(req) ? entry.gzip : null;
    const body = gzip ? gzipWithNonce(gzip, nonce) : joinWithNonce(entry.parts, nonce);
    for (const [name, values] of entry.headers) res.setHeader(name, values.map((v) => v.join(nonce)));
    for (const [name, value] of Object.entries(securityHeaders({ nonce, https: options.https(req), dev: false }))) res.setHeader(name, value);
    if (gzip) res.setHeader("content-encoding", "gzip");
    res.setHeader("content-length", body.length);
    // Says the page came from this cache (operators, and the specs that must see a cached page).
    res.setHeader(CACHE_HEADER, "hit");
    res.statusCode = 200;
    res.end(body);
    return true;
  }

  /** Keeps `entry` as `key`'s page and starts compressing it (off this thread); answers are plain until that is done. */
  function keepPage(key: string, entry: Entry) {
    if (entries.size >= maxEntries && !entries.has(key)) entries.clear();
    entries.set(key, entry);
    if (entry.parts) {
      gzipParts(entry.parts).then((gzip) => { entry.gzip = gzip; }, (err) => log.warn({ err }, "a cached page could not be compressed"));
    }
  }

  /** The visitor's headers a background render carries (RENDER_CARRIES), plus `extra`. */
  function renderHeaders(req: IncomingMessage, extra: Record<string, string>): Record<string, string> {
    const headers: Record<string, string> = { ...extra };
    for (const name of RENDER_CARRIES) {
      const value = req.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    return headers;
  }

  /** The next render of `req`'s page, asked of the page renderer when one is up, else of this server. */
  function renderBehind(key: string, req: IncomingMessage): Promise<Entry | null> {
    const renderer = options.renderer?.();
    if (!renderer) return askOwnServer(key, req);
    return askRenderer(key, req, renderer).catch((err: Error) => {
      log.warn({ err }, "the page renderer did not answer: this server renders the page");
      return askOwnServer(key, req);
    });
  }

  /**
   * Asks the page renderer for `req`'s page, as the visitor asked for it, and keeps its answer (a page that
   * cannot be served again is kept as such, as this server's own answer would be). Rejects when the renderer
   * cannot be reached or its answer breaks off.
   */
  function askRenderer(key: string, req: IncomingMessage, renderer: RendererAddress): Promise<Entry | null> {
    const askedAt = now();
    return new Promise<Entry | null>((resolve, reject) => {
      const ask = httpRequest({ host: renderer.host, port: renderer.port, path: req.url, headers: renderHeaders(req, {}), timeout: RENDER_TIMEOUT_MS }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_BODY_BYTES) chunks.push(chunk);
        });
        res.once("end", () => {
          const entry = pageOf(res.statusCode ?? 0, res.headers, size <= MAX_BODY_BYTES ? Buffer.concat(chunks) : null, askedAt);
          keepPage(key, entry);
          metrics().pageRenders.inc({ by: "renderer" });
          resolve(entry.parts ? entry : null);
        });
        res.once("error", reject);
      });
      ask.once("timeout", () => ask.destroy(new Error("the page renderer timed out")));
      ask.once("error", reject);
      ask.end();
    });
  }

  /**
   * Asks this server for `req`'s page, as the visitor asked for it, with the cache's secret: that request is
   * rendered by Next.js and kept (handle). Resolves once it is kept; after a failure, pages are rendered in the
   * foreground for BACKGROUND_RETRY_MS.
   */
  function askOwnServer(key: string, req: IncomingMessage): Promise<Entry | null> {
    const headers = renderHeaders(req, { [RENDER_HEADER]: secret });
    const askedAt = now();
    return new Promise<Entry | null>((resolve) => {
      const failed = (err: Error) => {
        backgroundOffUntil = now() + BACKGROUND_RETRY_MS;
        log.warn({ err }, "the page cache cannot ask its own server for a page: pages are rendered as visitors ask");
        resolve(null);
      };
      const own = httpRequest({ host: req.socket.localAddress, port: req.socket.localPort, path: req.url, headers, timeout: RENDER_TIMEOUT_MS }, (res) => {
        res.resume();
        res.once("end", () => {
          // The page this request rendered (kept as it finished), not the one it was to replace.
          const entry = entries.get(key);
          resolve(entry?.parts && entry.renderedAt >= askedAt ? entry : null);
        });
        res.once("error", failed);
      });
      own.once("timeout", () => own.destroy(new Error("the background render timed out")));
      own.once("error", failed);
      own.end();
    });
  }

  /** Starts `key`'s next render behind the visitors (renderBehind), as the one render of that page on its way. */
  function startBehind(key: string, req: IncomingMessage): Promise<Entry | null> {
    const behind = renderBehind(key, req);
    rendering.set(key, behind);
    void behind.finally(() => { if (rendering.get(key) === behind) rendering.delete(key); });
    return behind;
  }

  /** Answers with the page `render` keeps, or lets Next.js answer when it keeps none. */
  function answerOnceRendered(render: Promise<Entry | null>, req: IncomingMessage, res: ServerResponse, next: () => boolean): boolean {
    render.then((fresh) => (fresh ? answer(fresh, req, res, next) : next()), () => next());
    return true;
  }

  /** Keeps what Next.js answers `res` with; resolves with the entry once it is kept (null: nothing kept). */
  function capture(key: string, res: ServerResponse): Promise<Entry | null> {
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = (chunk: unknown, encoding: unknown) => {
      if (chunk == null || typeof chunk === "function" || size > MAX_BODY_BYTES) return;
      const buf = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
      size += buf.length;
      chunks.push(buf);
    };
    const write = res.write;
    const end = res.end;
    res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (write as (...a: unknown[]) => boolean).apply(this, [chunk, ...rest]);
    } as typeof res.write;
    res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (end as (...a: unknown[]) => ServerResponse).apply(this, [chunk, ...rest]);
    } as typeof res.end;
    // The render's start: the listings it shows were read after this.
    const renderedAt = now();
    let resolve!: (entry: Entry | null) => void;
    const promise = new Promise<Entry | null>((r) => { resolve = r; });
    let settled = false;
    const settle = (entry: Entry | null) => {
      if (settled) return;
      settled = true;
      if (rendering.get(key) === promise) rendering.delete(key);
      if (entry) {
        keepPage(key, entry);
        metrics().pageRenders.inc({ by: "server" });
      }
      resolve(entry?.parts ? entry : null);
    };
    res.once("finish", () => settle(pageOf(res.statusCode, res.getHeaders(), size <= MAX_BODY_BYTES ? Buffer.concat(chunks) : null, renderedAt)));
    // A client gone before the end: nothing kept, the next request renders.
    res.once("close", () => settle(null));
    return promise;
  }

  return {
    /** Answers `req` from the cache, or lets `next` (Next.js) answer it and keeps the page. */
    handle(req: IncomingMessage, res: ServerResponse, next: () => boolean): boolean {
      const ttl = options.ttlMs();
      const key = ttl > 0 ? cacheablePageKey(req) : null;
      if (!key) return next();
      // The cache's own request for a page's next render (renderBehind): rendered and kept, never answered from here.
      if (req.headers[RENDER_HEADER] === secret) {
        delete req.headers["accept-encoding"];
        void capture(key, res);
        return next();
      }
      const entry = entries.get(key);
      const age = entry ? now() - entry.renderedAt : Infinity;
      if (entry && age < ttl) return answer(entry, req, res, next);
      const servable = entry && age < ttl + staleWhileRendering;
      const pending = rendering.get(key);
      // One render of the page at a time; meanwhile visitors get the page it replaces or, when that is too
      // old, wait for the new render rather than start their own.
      if (pending) return servable ? answer(entry, req, res, next) : answerOnceRendered(pending, req, res, next);
      const renderer = options.renderer?.();
      if (servable && (renderer || now() >= backgroundOffUntil)) {
        startBehind(key, req);
        return answer(entry, req, res, next);
      }
      // No page to serve meanwhile: this visitor (and any who ask before it is done) waits for the renderer's.
      if (renderer) return answerOnceRendered(startBehind(key, req), req, res, next);
      // Kept uncompressed (this cache compresses the parts between the nonces itself, see gzipParts).
      delete req.headers["accept-encoding"];
      rendering.set(key, capture(key, res));
      return next();
    },
    clear() {
      entries.clear();
      rendering.clear();
      backgroundOffUntil = -Infinity;
    },
  };
}

/**
 * What a finished answer leaves to serve again (its status, headers and body; body null: too large to keep):
 * the page, or an entry saying there is none.
 */
function pageOf(status: number, answerHeaders: Record<string, unknown>, body: Buffer | null, renderedAt: number): Entry {
  const none: Entry = { parts: null, gzip: null, headers: [], renderedAt };
  const type = String(answerHeaders["content-type"] ?? "");
  const nonce = nonceOf(answerHeaders["content-security-policy"]);
  if (status !== 200 || !type.startsWith("text/html") || !body || !nonce) return none;
  if (answerHeaders["content-encoding"] || answerHeaders["set-cookie"]) return none;
  const parts = body.toString("utf8").split(nonce).map((part) => Buffer.from(part, "utf8"));
  if (parts.length < 2) return none; // no script carries the nonce: not the page we expect
  const headers: Entry["headers"] = [];
  for (const [name, value] of Object.entries(answerHeaders)) {
    // The CSP is written again for every answer (securityHeaders); the cache's own header is set on each answer.
    if (value === undefined || PER_RESPONSE.has(name) || name === "content-security-policy" || name === CACHE_HEADER) continue;
    headers.push([name, (Array.isArray(value) ? value : [String(value)]).map((v) => String(v).split(nonce))]);
  }
  // Whether an answer is compressed depends on the request's Accept-Encoding: caches on the way must know.
  const vary = headers.find(([name]) => name === "vary");
  const varies = [...new Set([...(vary?.[1].map((v) => v.join("")) ?? []).flatMap((v) => v.split(",")), "Accept-Encoding"].map((v) => v.trim()).filter(Boolean))].join(", ");
  if (vary) vary[1] = [[varies]];
  else headers.push(["vary", [[varies]]]);
  return { parts, gzip: null, headers, renderedAt };
}

/**
 * A page's parts (the HTML between its nonces) for gzip answers: each part as raw deflate blocks ending on a
 * byte boundary (a sync flush, not final), and its bytes for the checksum. Blocks of separately compressed parts
 * may follow one another in one deflate stream: each part refers back only within itself.
 */
export type GzipParts = { deflated: Buffer[]; plain: Buffer[]; length: number };

const deflateRawAsync = promisify(deflateRaw);

export async function gzipParts(plain: Buffer[]): Promise<GzipParts> {
  const deflated = await Promise.all(plain.map((p) => deflateRawAsync(p, { finishFlush: zlibConstants.Z_SYNC_FLUSH })));
  return { deflated, plain, length: plain.reduce((n, p) => n + p.length, 0) };
}

// RFC 1952: gzip, deflate, no flags, no time, unknown OS.
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
// RFC 1951: a final stored block of no bytes, which ends the deflate stream.
const LAST_BLOCK = Buffer.from([1, 0, 0, 0xff, 0xff]);

/** The page with `nonce` between its parts. */
export function joinWithNonce(parts: Buffer[], nonce: string): Buffer {
  const n = Buffer.from(nonce, "utf8");
  return Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [n, part])));
}

/** The gzip file of the page with `nonce` between its parts: the nonce goes in as a stored (uncompressed) block. */
export function gzipWithNonce(page: GzipParts, nonce: string): Buffer {
  const n = Buffer.from(nonce, "utf8");
  const stored = Buffer.alloc(5 + n.length);
  stored.writeUInt16LE(n.length, 1);
  stored.writeUInt16LE(~n.length & 0xffff, 3);
  n.copy(stored, 5);
  const pieces: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  // Empty parts (two nonces side by side) are skipped: zlib's crc32 of a buffer without memory (Node gives an
  // empty one none) is the starting value 0, not the running value.
  const checksum = (bytes: Buffer) => { if (bytes.length > 0) crc = crc32(bytes, crc); };
  page.deflated.forEach((part, i) => {
    if (i > 0) {
      pieces.push(stored);
      checksum(n);
    }
    pieces.push(part);
    checksum(page.plain[i]);
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((page.length + n.length * (page.deflated.length - 1)) >>> 0, 4);
  pieces.push(LAST_BLOCK, trailer);
  return Buffer.concat(pieces);
}

/** Whether the request's Accept-Encoding takes gzip (named, or `*`, with a quality above zero). */
export function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers["accept-encoding"];
  if (typeof header !== "string") return false;
  let gzip: boolean | null = null;
  let any = false;
  for (const item of header.split(",")) {
    const [coding, ...params] = item.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const wanted = q === undefined || Number(q.slice(2)) > 0;
    if (coding.trim() === "gzip") gzip = wanted;
    else if (coding.trim() === "*") any = wanted;
  }
  return gzip ?? any;
}

/**
 * Answers the cacheable pages of every HTTP server in this process from the cache. Installed once from
 * instrumentation.ts, before the request observer, which wraps it (so cached answers are counted and logged).
 */
export function installPageCache(ttlMs: () => number, renderer?: () => RendererAddress | null) {
  const cache = createPageCache({
    ttlMs, renderer,
    https: (req) => servedOverHttps(process.env.APP_URL, (req.headers["x-forwarded-proto"] as string | undefined) ?? null),
  });
  hookRequests("page-cache", (req, res, next) => cache.handle(req, res, next));
}

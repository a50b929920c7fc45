// A real HTTP server in the test process for one of the hooks the production server runs before Next.js
// (lib/http/server-hook.ts): what the hook passes on is answered PASSED_ON, where Next.js would route it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import type { RequestHook } from "@/lib/http/server-hook";

export const PASSED_ON = 599;

/**
 * Starts the server before the file's tests and stops it after; `origin()` is its address. `routeHandler`, when
 * given, answers what the hook passes on (as Next.js would route it to the route handler), instead of PASSED_ON.
 */
export function serveHookForTests(
  hook: RequestHook,
  prepare: (req: http.IncomingMessage) => void = () => {},
  routeHandler?: (req: Request) => Promise<Response>,
) {
  let server: http.Server;
  let origin = "";
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      prepare(req);
      hook(req, res, () => {
        if (!routeHandler) {
          res.statusCode = PASSED_ON;
          res.end();
          return true;
        }
        passToRoute(req, res, routeHandler).catch((err) => {
          res.statusCode = 500;
          res.end(String(err));
        });
        return true;
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { origin: () => origin };
}

async function passToRoute(req: http.IncomingMessage, res: http.ServerResponse, routeHandler: (req: Request) => Promise<Response>) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  const body = chunks.length && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  const answer = await routeHandler(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body }));
  res.statusCode = answer.status;
  answer.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await answer.arrayBuffer()));
}

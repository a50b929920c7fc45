// A real HTTP server in the test process for one of the hooks the production server runs before Next.js
// (lib/http/server-hook.ts): what the hook passes on is answered PASSED_ON, where Next.js would route it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import type { RequestHook } from "@/lib/http/server-hook";

export const PASSED_ON = 599;

/** Starts the server before the file's tests and stops it after; `origin()` is its address. */
export function serveHookForTests(hook: RequestHook, prepare: (req: http.IncomingMessage) => void = () => {}) {
  let server: http.Server;
  let origin = "";
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      prepare(req);
      hook(req, res, () => {
        res.statusCode = PASSED_ON;
        res.end();
        return true;
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { origin: () => origin };
}

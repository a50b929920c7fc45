import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentRequestId } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";
import { installRequestObserver } from "./request-observer";

let server: http.Server;
let origin: string;

beforeAll(async () => {
  installRequestObserver();
  // A handler that answers later, as Next.js does: the id must follow it across the await.
  server = http.createServer(async (req, res) => {
    await new Promise((r) => setTimeout(r, 5));
    res.setHeader("content-type", "text/plain");
    res.statusCode = req.url?.startsWith("/missing") ? 404 : 200;
    res.end(`${currentRequestId()}|${req.headers["x-request-id"]}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function counted(route: string, status: string) {
  const data = await metrics().httpRequests.get();
  return data.values.find((v) => v.labels.route === route && v.labels.status === status && v.labels.method === "GET")?.value ?? 0;
}

describe("the request observer", () => {
  it("gives each request an id that its code, its headers and its response share", async () => {
    const [a, b] = await Promise.all([fetch(`${origin}/a`), fetch(`${origin}/b`)]);
    for (const res of [a, b]) {
      const id = res.headers.get("x-request-id")!;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await res.text()).toBe(`${id}|${id}`);
    }
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
  });

  it("keeps a caller's sensible id and replaces a hostile one", async () => {
    const kept = await fetch(`${origin}/a`, { headers: { "x-request-id": "edge-proxy-1234" } });
    expect(kept.headers.get("x-request-id")).toBe("edge-proxy-1234");
    const replaced = await fetch(`${origin}/a`, { headers: { "x-request-id": "bad\"id<script>" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("counts requests per route with ids folded, and unknown paths under one label", async () => {
    const before = await counted("/api/v1/bookings/:reference", "200");
    const missingBefore = await counted("unmatched", "404");
    await fetch(`${origin}/api/v1/bookings/TRN-AB12-CD34`);
    await fetch(`${origin}/api/v1/bookings/TRN-ZZ99-YY88`);
    await fetch(`${origin}/missing/anything`);
    // The server counts on "finish", which may come just after the client has read the answer.
    await expect.poll(() => counted("/api/v1/bookings/:reference", "200")).toBe(before + 2);
    await expect.poll(() => counted("unmatched", "404")).toBe(missingBefore + 1);
  });
});
